import { describe, expect, it } from 'vitest';
import type { ThroughputDownload, ThroughputProbeObservation } from '../probe/types';
import { decideThrottle, describeThrottle, DEFAULT_THROTTLE_OPTIONS } from './throughput';

const LIMITS = { maxBytes: 512 * 1024, windowMs: 3000, sliceMs: 1000 };

/** A download at a steady `rate` B/s for `ms` (or until `bytes`), read every 100 ms. */
function steady(rate: number, ms = 3000, over: Partial<ThroughputDownload> = {}): ThroughputDownload {
  const progress: [number, number][] = [];
  for (let t = 100; t <= ms; t += 100) progress.push([t, Math.round((rate * t) / 1000)]);
  const bytes = progress.at(-1)?.[1] ?? 0;
  return { status: 200, ttfbMs: 30, bytes, progress, readMs: ms, end: 'time-cap', ...over };
}
/** A fast whole download: `bytes` in `ms`. */
const fast = (ms: number, bytes = 512 * 1024): ThroughputDownload => ({
  status: 200, ttfbMs: 10, bytes, progress: [[ms, bytes]], readMs: ms, end: bytes < 512 * 1024 ? 'complete' : 'byte-cap',
});
const obs = (url: string, downloads: ThroughputDownload[], over: Partial<ThroughputProbeObservation> = {}): ThroughputProbeObservation => ({
  serviceId: 'wikipedia', channel: 'media', kind: 'throughput', url, startedAt: 0, redirects: [], timeoutMs: 8000,
  timings: { totalMs: 3000 }, throughput: { downloads, limits: LIMITS }, ...over,
});
const control = (downloads: ThroughputDownload[]) => obs('https://speed.cloudflare.com/__down', downloads, { serviceId: '_control' });
const CONTROL_FAST = control([fast(200), fast(210), fast(190)]); // ≈ 2.6 MB/s

describe('decideThrottle', () => {
  it('a host at 32 kB/s against a fast control is throttled, with its figures', () => {
    const e = decideThrottle(obs('https://upload.wikimedia.org/x.png', [steady(32_000)]), CONTROL_FAST);
    expect([e.outcome, e.reason]).toEqual(['throttled', 'below-control']);
    expect(e.service).toMatchObject({ kBps: 32, samples: 3, downloads: 1, ttfbMs: 30 });
    expect(e.control).toMatchObject({ samples: 3, downloads: 3, ttfbMs: 10 });
    expect(e.ratio).toBeLessThan(0.05);
    expect(describeThrottle(e)).toMatch(/32 kB\/s over 3 samples vs 2\d{3}(\.\d)? kB\/s for the control.*throttled/);
  });

  it('comparable to the control ⇒ not throttled', () => {
    const e = decideThrottle(obs('u', [steady(600_000)]), control([steady(800_000)]));
    expect([e.outcome, e.reason, e.ratio]).toEqual(['not-throttled', 'comparable', 0.75]);
  });

  it('two fast transfers are never throttled, however different (noise)', () => {
    const e = decideThrottle(obs('u', [fast(20), fast(25), fast(30)]), control([fast(2), fast(2), fast(2)]));
    expect([e.outcome, e.reason]).toEqual(['not-throttled', 'fast-enough']);
  });

  it('one slow sample among fast ones never decides (median, not mean)', () => {
    const oneStall: ThroughputDownload = { ...steady(400_000), progress: [[500, 400_000], [1900, 400_000], [2900, 800_000]], bytes: 800_000 };
    const e = decideThrottle(obs('u', [oneStall]), control([steady(500_000)]));
    expect(e.service.kBps).toBe(400);
    expect(e.outcome).toBe('not-throttled');
  });

  it('a transfer that stalls after the headers is throttled (degraded, not blocked)', () => {
    const stalled: ThroughputDownload = { status: 200, ttfbMs: 40, bytes: 1000, progress: [[1, 1000]], readMs: 3000, end: 'time-cap' };
    const e = decideThrottle(obs('u', [stalled]), CONTROL_FAST);
    expect([e.outcome, e.service.kBps]).toEqual(['throttled', 0]);
  });

  it.each([
    ['a small complete file', [fast(5, 3000), fast(5, 3000), fast(4, 3000)], 'too-small'],
    ['zero bytes', [fast(1, 0)], 'too-small'],
    ['fewer samples than the minimum', [steady(10_000, 2000)], 'few-samples'],
    ['no response at all', [{ bytes: 0, progress: [], readMs: 0, end: 'error' } as ThroughputDownload], 'few-samples'],
  ])('%s ⇒ inconclusive (%s)', (_name, downloads, reason) => {
    const e = decideThrottle(obs('u', downloads as ThroughputDownload[]), CONTROL_FAST);
    expect([e.outcome, e.reason]).toEqual(['inconclusive', reason]);
  });

  it.each([
    ['missing', undefined],
    ['failed', control([{ bytes: 0, progress: [], readMs: 0, end: 'error' }])],
    ['too short', control([steady(900_000, 1500)])],
  ])('a slow service with the control %s ⇒ inconclusive, never throttled', (_name, ctl) => {
    const e = decideThrottle(obs('u', [steady(20_000)]), ctl);
    expect([e.outcome, e.reason]).toEqual(['inconclusive', 'no-control']);
  });

  it('a skipped probe (media failed) ⇒ inconclusive', () => {
    const e = decideThrottle(obs('u', [], { throughput: { downloads: [], limits: LIMITS, skipped: 'media-failed' } }), CONTROL_FAST);
    expect(e.reason).toBe('skipped');
  });

  it('the fraction is a parameter', () => {
    const e = decideThrottle(obs('u', [steady(600_000)]), control([steady(800_000)]), { ...DEFAULT_THROTTLE_OPTIONS, fraction: 0.8 });
    expect(e.outcome).toBe('throttled');
  });
});

describe('decideThrottle after a burst allowance (docs/throughput.md)', () => {
  const BURST_LIMITS = { maxBytes: 1_500_000, windowMs: 5000, sliceMs: 1000, burstBytes: 1_000_000 };
  const burstObs = (downloads: ThroughputDownload[], serviceId = 'netflix') =>
    obs('https://cdn.test/v', downloads, { serviceId, throughput: { downloads, limits: BURST_LIMITS } });
  /** A token-bucket shaper: `burst` bytes at once, then `rate` B/s, read every 50 ms over `ms`. */
  function shaped(burst: number, rate: number, ms = 5000): ThroughputDownload {
    const progress: [number, number][] = [[3, burst]];
    for (let t = 50; t <= ms; t += 50) progress.push([t, burst + Math.round((rate * t) / 1000)]);
    return { status: 200, ttfbMs: 20, bytes: progress.at(-1)![1], progress, readMs: ms, end: 'time-cap' };
  }
  /** 1.5 MB in `ms`, read in 64 kB chunks. */
  function quick(ms: number, bytes = 1_500_000): ThroughputDownload {
    const chunks = Math.ceil(bytes / 65_536);
    const progress = Array.from({ length: chunks }, (_, i): [number, number] => [Math.round((ms * (i + 1)) / chunks), Math.min(bytes, (i + 1) * 65_536)]);
    return { status: 200, ttfbMs: 10, bytes, progress, readMs: ms, end: bytes >= 1_500_000 ? 'byte-cap' : 'complete' };
  }
  const FAST_CONTROL = burstObs([quick(40)], '_control');

  it('1 MB at full speed then 64 kB/s is throttled: judged on what follows the burst, and says how much was downloaded', () => {
    const e = decideThrottle(burstObs([shaped(1_000_000, 64_000)]), FAST_CONTROL);
    expect([e.outcome, e.reason]).toEqual(['throttled', 'below-control']);
    expect(e.service.kBps).toBe(64);
    expect(e.service).toMatchObject({ burstBytes: 1_000_000, samples: 4 });
    expect(e.service.bytes).toBeGreaterThan(1_000_000);
    expect(describeThrottle(e)).toMatch(/judged after the first 1 MB .* 1\.3 MB downloaded/);
  });

  it('a host that sends its 1.5 MB fast is not throttled, judged on the 500 kB after the burst', () => {
    const e = decideThrottle(burstObs([quick(30)]), FAST_CONTROL);
    expect([e.outcome, e.reason]).toEqual(['not-throttled', 'fast-enough']);
    expect(e.service.judgedBytes).toBeGreaterThan(256 * 1024);
  });

  it('a small object fetched fast fits inside a burst: too small, never not-throttled nor throttled', () => {
    const e = decideThrottle(burstObs([quick(5, 512 * 1024)]), FAST_CONTROL);
    expect([e.outcome, e.reason]).toEqual(['inconclusive', 'too-small']);
    expect(describeThrottle(e)).toMatch(/burst allowance/);
  });

  it('a host slow from the first byte (no burst) is still throttled', () => {
    const e = decideThrottle(burstObs([shaped(0, 32_000)]), FAST_CONTROL);
    expect([e.outcome, e.service.kBps]).toEqual(['throttled', 32]);
  });

  it('a failed discovery is inconclusive, with the discovery evidence', () => {
    const discovery = { api: 'https://api.fast.com/netflix/speedtest/v2', status: 403, error: 'HTTP 403' };
    const failed = obs('u', [], { throughput: { downloads: [], limits: BURST_LIMITS, skipped: 'discovery-failed', discovery } });
    const e = decideThrottle(failed, FAST_CONTROL);
    expect([e.outcome, e.reason, e.discovery]).toEqual(['inconclusive', 'discovery-failed', discovery]);
  });
});
