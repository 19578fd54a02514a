import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FetchObservation, WebSocketObservation } from '../probe/types';
import type { ProbeFns } from '../probe/probe-fns';
import { runRequestProbes, SATURATION_RETRIES } from './request-probes';
import type { ProbeTask } from './plan';

const CONTROL = 'https://connectivitycheck.gstatic.com/generate_204';
const tasks: ProbeTask[] = Array.from({ length: 12 }, (_, i) => ({
  key: `s${i}:page:fetch`, serviceId: `s${i}`, channel: 'page', kind: 'fetch', url: `https://s${i}.test/`,
}));
const obs = (url: string, serviceId: string, extra: Partial<FetchObservation>, totalMs: number): FetchObservation => ({
  serviceId, channel: 'page', kind: 'fetch', url, startedAt: Date.now() - totalMs, redirects: [], timeoutMs: 200, timings: { totalMs }, ...extra,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A browser with `sockets` connections: past them, requests (the control's too) wait for a
 * free one, and a waiting probe whose timer runs out meets silence. Services are all reachable.
 */
function congestedBrowser(sockets: number, log: { inFlightPeak: number; calls: string[] }): ProbeFns {
  let busy = 0;
  const waiting: (() => void)[] = []; // first come, first served, like Chromium's socket pool
  const release = () => {
    busy--;
    waiting.shift()?.();
  };
  const fetch: ProbeFns['fetch'] = async (task, timeoutMs) => {
    log.calls.push(task.url);
    const began = Date.now();
    if (busy >= sockets) {
      let wake = () => {};
      const served = await Promise.race([new Promise<boolean>((r) => waiting.push((wake = () => r(true)))), sleep(timeoutMs).then(() => false)]);
      if (!served) {
        waiting.splice(waiting.indexOf(wake), 1);
        return obs(task.url, task.serviceId, { timedOut: true }, timeoutMs);
      }
    }
    busy++;
    log.inFlightPeak = Math.max(log.inFlightPeak, busy);
    await sleep(80); // the answer itself takes a while
    release();
    return obs(task.url, task.serviceId, { status: 200 }, Date.now() - began);
  };
  return { fetch, webSocket: () => Promise.reject(new Error('no sockets here')), policy: async () => [] };
}

// Fake timers: the scenario is about time, and must not depend on how loaded the test machine is.
afterEach(() => vi.useRealTimers());

/** Run `promise` to completion, advancing fake time. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  while (!done) await vi.advanceTimersByTimeAsync(5);
  return promise;
}

describe('runRequestProbes', () => {
  it('never lets congestion of our own making pass for silence: stalled with the control ⇒ marked, retried at half the concurrency', async () => {
    vi.useFakeTimers({ now: 0 });
    const log = { inFlightPeak: 0, calls: [] as string[] };
    const results = new Map<string, FetchObservation | WebSocketObservation>();
    const run = await settle(runRequestProbes({
      tasks,
      probes: congestedBrowser(2, log),
      timeoutMs: 200,
      concurrency: 12,
      controlUrl: CONTROL,
      onResult: async (r) => {
        for (const [key, o] of r) results.set(key, o);
      },
    }));
    expect(run.pulses).toBeGreaterThan(0);
    expect(run.limit).toBeLessThan(12);
    // Every service ends reachable, or — where even the retries met saturation — inconclusive-bound
    // (`controlStalledMs` set), never a bare silence that the classifier would call blocked.
    for (const o of results.values()) expect(o.status === 200 || o.controlStalledMs !== undefined || o.notSent).toBe(true);
    expect([...results.values()].filter((o) => o.status === 200).length).toBeGreaterThan(4);
    const retried = tasks.filter((t) => log.calls.filter((c) => c === t.url).length > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const t of tasks) expect(log.calls.filter((c) => c === t.url).length).toBeLessThanOrEqual(1 + SATURATION_RETRIES);
  });

  it('leaves a real silence alone when the control kept answering', async () => {
    const silentHost = 's3.test';
    const probes: ProbeFns = {
      fetch: async (task, timeoutMs) => {
        if (task.url.includes(silentHost)) {
          await sleep(timeoutMs);
          return obs(task.url, task.serviceId, { timedOut: true }, timeoutMs);
        }
        await sleep(5);
        return obs(task.url, task.serviceId, { status: 200 }, 5);
      },
      webSocket: async () => { throw new Error('no sockets here'); },
      policy: async () => [],
    };
    vi.useFakeTimers({ now: 0 });
    const results = new Map<string, FetchObservation | WebSocketObservation>();
    let calls = 0;
    await settle(runRequestProbes({
      tasks, probes: { ...probes, fetch: (t, ms) => { if (t.url !== CONTROL) calls++; return probes.fetch(t, ms); } }, timeoutMs: 200, concurrency: 96, controlUrl: CONTROL,
      onResult: async (r) => { for (const [key, o] of r) results.set(key, o); },
    }));
    const silent = results.get('s3:page:fetch')!;
    expect(silent.timedOut).toBe(true);
    expect(silent.controlStalledMs).toBeUndefined();
    // Twelve probes: the silent one was not asked again.
    expect(calls).toBe(12);
  });
});
