import { describe, expect, it } from 'vitest';
import { probeThroughput } from './throughput-probe';
import { THROUGHPUT_LIMITS } from './throughput-limits';

// Small limits so the real timers stay fast; the statistics are tested apart with injected data.
const limits = { ...THROUGHPUT_LIMITS, maxBytes: 4000, windowMs: 120, sliceMs: 30, minBytes: 1000, burstBytes: 0, maxDownloadsPerHost: 3 };

/** A fetch whose body yields `chunks` bytes `everyMs` apart, then ends (or never, when `endless`). */
function fakeFetch(chunk: number, count: number, everyMs: number, endless = false): { fetch: typeof fetch; calls: RequestInit[] } {
  const calls: RequestInit[] = [];
  const impl = async (_url: unknown, init?: RequestInit) => {
    calls.push(init ?? {});
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, everyMs));
        if (!endless && sent >= count) return controller.close();
        sent++;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    return new Response(body, { status: 200 });
  };
  return { fetch: impl as typeof fetch, calls };
}

const run = (f: typeof fetch, l = limits) => probeThroughput({ serviceId: 's', url: 'https://cdn.test/x', headerTimeoutMs: 1000, limits: l, fetchImpl: f });

describe('probeThroughput', () => {
  it('stops at the byte cap and repeats a fast host until it has enough samples', async () => {
    const { fetch, calls } = fakeFetch(1000, 100, 1);
    // 1 s slices: however loaded the machine, a 4 kB download is one whole sample, so the host is downloaded three times.
    const o = await run(fetch, { ...limits, sliceMs: 1000, windowMs: 2000 });
    expect(o.kind).toBe('throughput');
    expect(o.throughput?.downloads.map((d) => [d.end, d.bytes])).toEqual([['byte-cap', 4000], ['byte-cap', 4000], ['byte-cap', 4000]]);
    expect(calls.every((c) => c.credentials === 'omit' && c.cache === 'no-store')).toBe(true);
    expect(calls.every((c) => (c.headers as Record<string, string>).range === 'bytes=0-3999')).toBe(true);
  });

  it('a slow host fills its samples from one window and is not downloaded again', async () => {
    const { fetch, calls } = fakeFetch(10, 0, 10, true);
    const o = await run(fetch);
    expect(calls).toHaveLength(1);
    const [d] = o.throughput!.downloads;
    expect(d?.end).toBe('time-cap');
    expect(d!.readMs).toBeGreaterThanOrEqual(limits.windowMs - 5);
    expect(d!.bytes).toBeLessThan(limits.maxBytes);
  });

  it('a small file is downloaded once: repeating would not make it measurable', async () => {
    const { fetch, calls } = fakeFetch(100, 2, 1);
    const o = await run(fetch);
    expect(calls).toHaveLength(1);
    expect(o.throughput?.downloads[0]).toMatchObject({ end: 'complete', bytes: 200, status: 200 });
  });

  it('a network error is recorded once, without a status', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const o = await run(failing);
    expect(o.status).toBeUndefined();
    expect(o.throughput?.downloads).toEqual([{ bytes: 0, progress: [], readMs: 0, end: 'error', error: 'TypeError: Failed to fetch' }]);
  });
});
