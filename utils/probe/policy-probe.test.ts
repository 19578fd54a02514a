import { describe, expect, it } from 'vitest';
import { CHAIN_LENGTH, probePolicy, type PolicyProbeDeps } from './policy-probe';
import type { NavigationObservation } from './types';

type FrameError = { tabId: number; frameId: number; url: string; error: string };

/** A tab whose page loads the `#` list as frames: blocked by policy or by our own rule, or silent. */
function fakeTab(policyBlocked: string[], silent: string[] = [], silentOnce: string[] = []) {
  let listener: ((e: FrameError) => void) | undefined;
  const lists: string[][] = [];
  const deps: PolicyProbeDeps = {
    checkerPageUrl: 'chrome-extension://x/policy-check.html',
    openHiddenTab: async () => 7,
    closeTab: async () => {},
    blockSubframes: async () => async () => {},
    onFrameError: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
    navigateTab: async (_tab, url) => {
      const list = JSON.parse(decodeURIComponent(url.slice(url.indexOf('#') + 1))) as string[];
      lists.push(list);
      setTimeout(() => {
        for (const [i, u] of list.entries()) {
          if (silent.includes(u)) continue;
          // Silent the first time only: a frame the busy renderer never got to.
          if (silentOnce.includes(u) && lists.filter((l) => l.includes(u)).length === 1) continue;
          // A removed frame's late abort must not count as an answer.
          listener?.({ tabId: 7, frameId: i + 1, url: u, error: 'net::ERR_ABORTED' });
          listener?.({ tabId: 7, frameId: i + 1, url: u, error: policyBlocked.includes(u) ? 'net::ERR_BLOCKED_BY_ADMINISTRATOR' : 'net::ERR_BLOCKED_BY_CLIENT' });
        }
      }, 5);
    },
  };
  return { deps, lists };
}

describe('probePolicy', () => {
  const targets = Array.from({ length: 45 }, (_, i) => ({ serviceId: `s${i}`, url: `https://s${i}.test/` }));

  it('loads the frames a batch at a time and hands each batch over as soon as it is decided', async () => {
    const tab = fakeTab(['https://s7.test/']);
    const batches: number[] = [];
    const all = await probePolicy(targets, tab.deps, { timeoutMs: 1000, batchSize: 20, onBatch: (b) => void batches.push(b.length) });
    expect(tab.lists.map((l) => l.length)).toEqual([20, 20, 5]);
    expect(batches).toEqual([20, 20, 5]);
    expect(all.find((o) => o.serviceId === 's7')?.netError).toBe('net::ERR_BLOCKED_BY_ADMINISTRATOR');
    expect(all.filter((o) => o.netError === 'net::ERR_BLOCKED_BY_CLIENT')).toHaveLength(44);
  });

  it('gives a frame that never reported `timedOut` after one more try behind the others, and moves on to the next batch', async () => {
    const tab = fakeTab([], ['https://s3.test/']);
    const all = await probePolicy(targets.slice(0, 25), tab.deps, { timeoutMs: 100, batchSize: 20 });
    expect(tab.lists).toEqual([targets.slice(0, 20).map((t) => t.url), [...targets.slice(20, 25).map((t) => t.url), 'https://s3.test/']]);
    expect(all).toHaveLength(25);
    expect(all.find((o) => o.serviceId === 's3')).toMatchObject({ timedOut: true });
    expect(all.find((o) => o.serviceId === 's3')?.netError).toBeUndefined();
    expect(all.filter((o) => o.netError)).toHaveLength(24);
  });

  it('a frame silent the first time is decided by its second try, once', async () => {
    const tab = fakeTab(['https://s4.test/'], [], ['https://s4.test/']);
    const batches: string[][] = [];
    const all = await probePolicy(targets.slice(0, 10), tab.deps, { timeoutMs: 100, batchSize: 20, onBatch: (b) => void batches.push(b.map((o) => o.serviceId)) });
    expect(all.find((o) => o.serviceId === 's4')).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_ADMINISTRATOR' });
    expect(all.filter((o) => o.serviceId === 's4')).toHaveLength(1);
    expect(batches.map((b) => b.length)).toEqual([9, 1]);
  });
});

/**
 * A Chromium tab with chains: each frame walks its chain (our redirects) until a URL the policy
 * blocks, or its last URL, which our block rule stops; `tooManyAt` fails a chain there instead.
 */
function chainingTab(policyBlocked: string[], options: { silent?: string[]; tooManyAt?: string; refuseRules?: boolean } = {}) {
  let listener: ((e: FrameError) => void) | undefined;
  let chains: string[][] = [];
  const frames: string[][] = [];
  const deps: PolicyProbeDeps = {
    checkerPageUrl: 'chrome-extension://x/policy-check.html',
    openHiddenTab: async () => 7,
    closeTab: async () => {},
    blockSubframes: async () => async () => {},
    chainFrames: async (_tab, next) => {
      if (options.refuseRules) throw new Error('quota');
      chains = next.map((c) => [...c]);
    },
    onFrameError: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
    navigateTab: async (_tab, url) => {
      const heads = JSON.parse(decodeURIComponent(url.slice(url.indexOf('#') + 1))) as string[];
      const walks = heads.map((h) => chains.find((c) => c[0] === h) ?? [h]);
      frames.push(...walks);
      setTimeout(() => {
        for (const [i, walk] of walks.entries()) {
          if (walk.some((u) => options.silent?.includes(u))) continue;
          const stop = walk.findIndex((u) => policyBlocked.includes(u) || u === options.tooManyAt);
          const at = stop === -1 ? walk.length - 1 : stop;
          const error = policyBlocked.includes(walk[at]!) ? 'net::ERR_BLOCKED_BY_ADMINISTRATOR' : walk[at] === options.tooManyAt ? 'net::ERR_TOO_MANY_REDIRECTS' : 'net::ERR_BLOCKED_BY_CLIENT';
          // After a redirect, Chromium names only the frame's origin.
          listener?.({ tabId: 7, frameId: i + 1, url: at === 0 ? walk[at]! : `${new URL(walk[at]!).origin}/`, error });
        }
      }, 5);
    },
  };
  return { deps, frames };
}

describe('probePolicy with chains (one frame checks up to CHAIN_LENGTH URLs)', () => {
  const targets = Array.from({ length: 45 }, (_, i) => ({ serviceId: `s${i}`, url: `https://s${i}.test/` }));
  const one = (all: NavigationObservation[], id: string) => all.filter((o) => o.serviceId === id);

  it('checks 45 URLs with 3 frames; a policy block ends its chain and the URLs after it get a new one', async () => {
    const tab = chainingTab(['https://s7.test/']);
    const all = await probePolicy(targets, tab.deps, { timeoutMs: 1000 });
    expect(tab.frames.map((f) => f.length)).toEqual([CHAIN_LENGTH, CHAIN_LENGTH, 13, 8]);
    expect(tab.frames[3]?.[0]).toBe('https://s8.test/');
    expect(all).toHaveLength(45);
    for (const t of targets) expect(one(all, t.serviceId)).toHaveLength(1);
    expect(one(all, 's7')[0]).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_ADMINISTRATOR' });
    expect(one(all, 's6')[0]).toMatchObject({ passedOnTo: 'https://s7.test/' });
    expect(one(all, 's6')[0]?.netError).toBeUndefined();
    expect(one(all, 's15')[0]).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_CLIENT' });
    expect(all.filter((o) => o.passedOnTo).length + all.filter((o) => o.netError).length).toBe(45);
  });

  it('shares one check between services with the same page URL, and gives a URL with a fragment its own frame', async () => {
    const tab = chainingTab([]);
    const all = await probePolicy(
      [
        { serviceId: 'a', url: 'https://same.test/' },
        { serviceId: 'b', url: 'https://same.test/' },
        { serviceId: 'c', url: 'https://c.test/#app' },
        { serviceId: 'd', url: 'https://d.test/' },
      ],
      tab.deps,
      { timeoutMs: 1000 },
    );
    expect(tab.frames).toEqual([['https://c.test/#app'], ['https://same.test/', 'https://d.test/']]);
    expect(all.map((o) => o.serviceId).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(one(all, 'b')[0]).toMatchObject({ passedOnTo: 'https://d.test/' });
  });

  it('never puts two URLs of one origin in one batch, since a chain error names only the origin', async () => {
    const tab = chainingTab(['https://www.google.com/maps']);
    const all = await probePolicy(
      [
        { serviceId: 'search', url: 'https://www.google.com/robots.txt' },
        { serviceId: 'maps', url: 'https://www.google.com/maps' },
        { serviceId: 'other', url: 'https://other.test/x' },
      ],
      tab.deps,
      { timeoutMs: 1000 },
    );
    expect(tab.frames).toEqual([['https://www.google.com/robots.txt', 'https://other.test/x'], ['https://www.google.com/maps']]);
    expect(one(all, 'maps')[0]).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_ADMINISTRATOR' });
    expect(one(all, 'search')[0]).toMatchObject({ passedOnTo: 'https://other.test/x' });
    expect(one(all, 'other')[0]).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_CLIENT' });
  });

  it('falls back to one URL per frame from a chain that failed otherwise (too many redirects)', async () => {
    const tab = chainingTab([], { tooManyAt: 'https://s3.test/' });
    const all = await probePolicy(targets.slice(0, 6), tab.deps, { timeoutMs: 1000 });
    expect(tab.frames).toEqual([targets.slice(0, 6).map((t) => t.url), ['https://s3.test/'], ['https://s4.test/'], ['https://s5.test/']]);
    expect(one(all, 's2')[0]).toMatchObject({ passedOnTo: 'https://s3.test/' });
    // Alone, s3 fails the same way: that error is its navigation's answer, as before chains.
    expect(one(all, 's3')[0]).toMatchObject({ netError: 'net::ERR_TOO_MANY_REDIRECTS' });
    expect(one(all, 's5')[0]).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_CLIENT' });
  });

  it('one URL per frame when the browser refuses the redirect rules', async () => {
    const tab = chainingTab(['https://s1.test/'], { refuseRules: true });
    const all = await probePolicy(targets.slice(0, 4), tab.deps, { timeoutMs: 1000 });
    expect(tab.frames.map((f) => f.length)).toEqual([1, 1, 1, 1]);
    expect(one(all, 's1')[0]).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_ADMINISTRATOR' });
    expect(all).toHaveLength(4);
  });

  it('a silent chain is tried once more, then every URL of it is `timedOut`', async () => {
    const tab = chainingTab([], { silent: ['https://s2.test/'] });
    const all = await probePolicy(targets.slice(0, 3), tab.deps, { timeoutMs: 50 });
    expect(tab.frames).toHaveLength(2);
    expect(all.map((o) => o.timedOut)).toEqual([true, true, true]);
  });
});
