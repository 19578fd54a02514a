import { describe, expect, it } from 'vitest';
import { probePolicy, type PolicyProbeDeps } from './policy-probe';

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
