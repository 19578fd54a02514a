import { describe, expect, it } from 'vitest';
import { afterBurst, median, samplesOf, sustainedSamples } from './throughput-samples';
import type { ThroughputDownload } from './types';

const dl = (over: Partial<ThroughputDownload>): ThroughputDownload => ({
  status: 200, ttfbMs: 20, bytes: 0, progress: [], readMs: 0, end: 'complete', ...over,
});

/** A token bucket like squid's delay_pools: `initial` bytes at once, then `rate` every second, over `ms`. */
function bucket(rate: number, ms: number, phase: number, initial = rate / 2): [number, number][] {
  const points: [number, number][] = [[0, initial]];
  for (let t = phase; t < ms; t += 1000) points.push([t, (points.at(-1)?.[1] ?? 0) + rate]);
  return points;
}

describe('samplesOf', () => {
  it('gives one sample per whole 1 s slice and drops the cut-off last slice', () => {
    const progress: [number, number][] = [[100, 10_000], [900, 20_000], [1500, 30_000], [2500, 50_000], [3200, 60_000]];
    const s = samplesOf(dl({ bytes: 60_000, progress, readMs: 3200, end: 'time-cap' }), 1000);
    expect(s.map((x) => x.bytes)).toEqual([20_000, 10_000, 20_000]);
    expect(s.every((x) => !x.whole)).toBe(true);
  });

  it.each([0.05, 0.3, 0.7, 0.95])('a 32 kB/s token bucket gives a median of 32 kB/s whatever its phase (%s s)', (phase) => {
    const progress = bucket(32_000, 3000, phase * 1000);
    const bytes = progress.at(-1)![1];
    const rates = samplesOf(dl({ bytes, progress, readMs: 3000, end: 'time-cap' }), 1000).map((s) => s.bytesPerSecond);
    expect(rates).toHaveLength(3);
    expect(median(rates)).toBe(32_000);
  });

  it('a stalled transfer gives 0 B/s samples, not none (slow, not absent)', () => {
    const s = samplesOf(dl({ bytes: 4000, progress: [[5, 4000]], readMs: 3000, end: 'time-cap' }), 1000);
    expect(s.map((x) => x.bytesPerSecond)).toEqual([4000, 0, 0]);
  });

  it('a short complete download is one whole sample over its own duration', () => {
    const s = samplesOf(dl({ bytes: 500_000, progress: [[2, 100_000], [50, 500_000]], readMs: 50 }), 1000);
    expect(s).toEqual([{ bytesPerSecond: 10_000_000, bytes: 500_000, ms: 50, whole: true }]);
  });

  it('a transfer read in under 1 ms counts as 1 ms (a lower bound), never divides by zero', () => {
    const s = samplesOf(dl({ bytes: 1000, progress: [[0, 1000]], readMs: 0 }), 1000);
    expect(s[0]?.bytesPerSecond).toBe(1_000_000);
  });

  it('zero bytes: an empty complete body is one 0 B/s whole sample (the decision calls it too small)', () => {
    expect(samplesOf(dl({ bytes: 0, readMs: 3 }), 1000)).toEqual([{ bytesPerSecond: 0, bytes: 0, ms: 3, whole: true }]);
  });

  it.each([
    ['no response', dl({ status: undefined, end: 'error' })],
    ['an error status', dl({ status: 503, bytes: 100, readMs: 2, progress: [[2, 100]] })],
    ['a break before one slice', dl({ bytes: 9000, progress: [[10, 9000]], readMs: 400, end: 'error' })],
  ])('%s gives no sample', (_name, d) => {
    expect(samplesOf(d, 1000)).toEqual([]);
  });

  it('a download cut part-way by an error after whole slices keeps those slices (degraded, not blocked)', () => {
    const s = samplesOf(dl({ bytes: 20_000, progress: [[500, 10_000], [1500, 20_000]], readMs: 2100, end: 'error' }), 1000);
    expect(s.map((x) => x.bytes)).toEqual([10_000, 10_000]);
  });
});

describe('median', () => {
  it.each([
    [[], undefined],
    [[5], 5],
    [[48_000, 32_000, 32_000], 32_000],
    [[1, 100, 2, 3], 2.5],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('afterBurst / sustainedSamples', () => {
  const burst: ThroughputDownload = dl({ bytes: 1_192_000, progress: [[2, 1_000_000], [1000, 1_064_000], [2000, 1_128_000], [3000, 1_192_000]], readMs: 3100, end: 'time-cap' });

  it('re-bases a download at the first progress point past the burst', () => {
    expect(afterBurst(burst, 1_000_000)).toMatchObject({ bytes: 192_000, readMs: 3098, progress: [[998, 64_000], [1998, 128_000], [2998, 192_000]] });
  });

  it('a download that never got past the burst is returned whole; one that ended right at it has nothing after', () => {
    const small = dl({ bytes: 500, progress: [[3, 500]], readMs: 3 });
    expect(afterBurst(small, 1_000_000)).toBe(small);
    expect(afterBurst(dl({ bytes: 1_000_000, progress: [[3, 1_000_000]], readMs: 3 }), 1_000_000)).toBeUndefined();
  });

  it('keeps only the slices after the burst: 1 MB at once then 64 kB/s gives 64 kB/s samples', () => {
    expect(sustainedSamples(burst, 1000, 1_000_000).map((s) => s.bytesPerSecond)).toEqual([64_000, 64_000, 64_000]);
  });

  it('a small object fetched fast gives no sample: it may have fitted inside a burst', () => {
    expect(sustainedSamples(dl({ bytes: 500_000, progress: [[5, 500_000]], readMs: 5 }), 1000, 1_000_000)).toEqual([]);
    expect(sustainedSamples(dl({ bytes: 500_000, progress: [[5, 500_000]], readMs: 5 }), 1000, 0)).toHaveLength(1);
  });
});
