import type { ThroughputProbeObservation } from '../probe/types';
import type { ChannelVerdict, ThroughputEvidence, ThroughputSide } from './types';
import { median, sustainedSamples } from '../probe/throughput-samples';
import { THROUGHPUT_LIMITS } from '../probe/throughput-limits';

export interface ThrottleOptions {
  /** Service slower than this fraction of the control ⇒ throttled (OONI flags ≥ 10× as extreme; 0.5 is 2×). */
  fraction: number;
  minSamples: number;
  /** A completed download smaller than this is dominated by latency, not bandwidth. */
  minBytes: number;
  /**
   * A service this fast is never called throttled, whatever the control does: two fast
   * transfers differ by noise (and YouTube recommends 20 Mbit/s sustained for 4K video,
   * ≈ 2.5 MB/s), so the difference would not stall anything.
   */
  fastEnoughBps: number;
  /** A download that finished within one slice counts only if at least this much came after the burst. */
  minAfterBurstBytes: number;
}

export const DEFAULT_THROTTLE_OPTIONS: ThrottleOptions = {
  fraction: 0.5,
  minSamples: THROUGHPUT_LIMITS.minSamples,
  minBytes: THROUGHPUT_LIMITS.minBytes,
  fastEnoughBps: 2_500_000,
  minAfterBurstBytes: THROUGHPUT_LIMITS.minAfterBurstBytes,
};

function sideOf(obs: ThroughputProbeObservation, opts: ThrottleOptions): ThroughputSide & { rate?: number; enough: boolean } {
  const { downloads, limits } = obs.throughput;
  const { sliceMs } = limits;
  // Observations stored before burst-proofing have no burstBytes: judged as they were.
  const burstBytes = limits.burstBytes ?? 0;
  const samples = downloads.flatMap((d) => sustainedSamples(d, sliceMs, burstBytes));
  const rates = samples.map((s) => s.bytesPerSecond);
  const rate = median(rates);
  const ttfb = median(downloads.flatMap((d) => (d.ttfbMs === undefined ? [] : [d.ttfbMs])));
  const judgedBytes = samples.reduce((sum, s) => sum + s.bytes, 0);
  const slices = samples.filter((s) => !s.whole).length;
  const wholeBytes = samples.filter((s) => s.whole).reduce((sum, s) => sum + s.bytes, 0);
  return {
    url: obs.url,
    ...(rate !== undefined ? { rate, kBps: Math.round(rate / 100) / 10 } : {}),
    samples: rates.length,
    downloads: downloads.length,
    bytes: downloads.reduce((sum, d) => sum + d.bytes, 0),
    judgedBytes,
    burstBytes,
    ...(ttfb !== undefined ? { ttfbMs: Math.round(ttfb) } : {}),
    // Enough to judge: several samples, or (a fast host past its burst) a good chunk after the burst within one slice.
    enough: burstBytes > 0 ? slices >= opts.minSamples || wholeBytes >= opts.minAfterBurstBytes : rates.length >= opts.minSamples,
  };
}

/**
 * Decide whether a media host is throttled, from its throughput observation and the
 * control's in the same run. Medians of several samples on each side, so one slow
 * sample never decides; too little data on either side is inconclusive, never throttled.
 */
export function decideThrottle(
  service: ThroughputProbeObservation,
  control: ThroughputProbeObservation | undefined,
  opts: ThrottleOptions = DEFAULT_THROTTLE_OPTIONS,
): ThroughputEvidence {
  const { rate, enough, ...serviceSide } = sideOf(service, opts);
  const controlSide = control ? sideOf(control, opts) : undefined;
  const { rate: controlRate, enough: controlEnough, ...controlFigures } = controlSide ?? {};
  // The control's figures ride along whatever the outcome, so every report shows both sides.
  const discovery = service.throughput.discovery;
  const base = {
    service: serviceSide,
    fraction: opts.fraction,
    ...(controlSide ? { control: controlFigures as ThroughputSide } : {}),
    ...(discovery ? { discovery } : {}),
  };
  const result = (outcome: ThroughputEvidence['outcome'], reason: string, extra: Partial<ThroughputEvidence> = {}) => ({
    outcome,
    reason,
    ...base,
    ...extra,
  });
  if (service.throughput.skipped === 'discovery-failed') return result('inconclusive', 'discovery-failed');
  if (service.throughput.skipped) return result('inconclusive', 'skipped');
  const { downloads } = service.throughput;
  const allComplete = downloads.length > 0 && downloads.every((d) => d.end === 'complete');
  const largest = Math.max(0, ...downloads.map((d) => d.bytes));
  const burst = serviceSide.burstBytes ?? 0;
  // A complete object too small to get past a burst allowance and be measured after it proves nothing.
  const tooSmallForBurst = burst > 0 && !enough && largest < burst + opts.minAfterBurstBytes;
  if (allComplete && (largest < opts.minBytes || tooSmallForBurst)) return result('inconclusive', 'too-small');
  if (rate === undefined || !enough) return result('inconclusive', 'few-samples');
  if (rate >= opts.fastEnoughBps) return result('not-throttled', 'fast-enough');
  if (!controlSide || controlRate === undefined || !controlEnough || controlRate === 0) {
    return result('inconclusive', 'no-control');
  }
  const ratio = Math.round((rate / controlRate) * 1000) / 1000;
  return rate < opts.fraction * controlRate
    ? result('throttled', 'below-control', { ratio })
    : result('not-throttled', 'comparable', { ratio });
}

/** "1 MB", "1.5 MB", "300 kB": decimal units, as the evidence figures. */
const mb = (bytes: number) => (bytes >= 1_000_000 ? `${Math.round(bytes / 100_000) / 10} MB` : `${Math.round(bytes / 1000)} kB`);

/** One sentence for the evidence view (reports are English; the UI localises by `reason`). */
export function describeThrottle(e: ThroughputEvidence): string {
  const s = e.service;
  const c = e.control;
  const burst = s.burstBytes ? `, judged after the first ${mb(s.burstBytes)} (a shaper's burst allowance); ${mb(s.bytes)} downloaded` : '';
  const figures = `${s.kBps ?? '?'} kB/s over ${s.samples} samples${c?.kBps !== undefined ? ` vs ${c.kBps} kB/s for the control` : ''}${burst}`;
  switch (e.reason) {
    case 'below-control':
      return `Media downloads ran at ${figures}: below ${e.fraction * 100}% of the control in the same run, so the host is throttled (degraded, not blocked).`;
    case 'comparable':
      return `Media downloads ran at ${figures}: comparable to the control, not throttled.`;
    case 'fast-enough':
      return `Media downloads ran at ${figures}: fast enough that no throttling matters.`;
    case 'too-small':
      return s.burstBytes
        ? `The media file is ${s.bytes} bytes: too small to measure throughput after a shaper's ${mb(s.burstBytes)} burst allowance.`
        : `The media file is ${s.bytes} bytes, too small to measure throughput.`;
    case 'discovery-failed':
      return 'The service did not hand out a media URL to measure (its discovery API failed), so throughput is unknown.';
    case 'no-control':
      return `Media downloads ran at ${figures}, but the throughput control gave too few samples to compare.`;
    case 'skipped':
      return 'Throughput was not measured because the media channel itself failed.';
    default:
      return `Media downloads gave ${s.samples} usable samples, fewer than needed to judge throughput.`;
  }
}

/**
 * Fold the throughput finding into a media channel's verdict: a reachable media host that
 * is markedly slower than the control becomes `throttled` (degraded, not blocked); any
 * other verdict stands (a blocked host is blocked), and the figures ride along as evidence.
 */
export function withThroughput(base: ChannelVerdict, throughput: ThroughputEvidence): ChannelVerdict {
  const evidence = { ...base.evidence, throughput };
  if (base.verdict === 'reachable' && throughput.outcome === 'throttled') {
    return { ...base, verdict: 'throttled', reason: 'throughput-below-control', evidence: { ...evidence, detail: describeThrottle(throughput) } };
  }
  return { ...base, evidence };
}
