import type { ThroughputDownload } from './types';

/** One throughput sample: the rate over one slice of a download, or over a whole short download. */
export interface ThroughputSample {
  bytesPerSecond: number;
  bytes: number;
  ms: number;
  /** The whole download, which ended before one slice: its rate is a lower bound at sub-ms timings. */
  whole: boolean;
}

/**
 * A transfer measured under 1 ms (one read from a fast local server) would divide by zero;
 * counting it as 1 ms gives a lower bound, and a lower bound is enough to say "not slow".
 */
const MIN_MEASURABLE_MS = 1;

/** Cumulative bytes read by `t` ms after the headers. */
function bytesBy(progress: readonly [number, number][], t: number): number {
  let bytes = 0;
  for (const [ms, total] of progress) {
    if (ms > t) break;
    bytes = total;
  }
  return bytes;
}

/**
 * Turn one download into samples. A download that lasted at least one slice gives one
 * sample per whole slice (the cut-off last slice is dropped: its length depends on when
 * the timer fired). A shorter download that completed (or hit the byte cap) is one sample
 * over its own duration. Failed responses and downloads that broke before one slice give
 * none: they say nothing about speed. A slice in which nothing arrived is a 0 B/s sample —
 * a stalled transfer is slow, not absent.
 */
export function samplesOf(download: ThroughputDownload, sliceMs: number): ThroughputSample[] {
  if (download.status === undefined || download.status >= 400) return [];
  const slices = Math.floor(download.readMs / sliceMs);
  if (slices >= 1) {
    return Array.from({ length: slices }, (_, k) => {
      const bytes = bytesBy(download.progress, (k + 1) * sliceMs) - bytesBy(download.progress, k * sliceMs);
      return { bytesPerSecond: (bytes * 1000) / sliceMs, bytes, ms: sliceMs, whole: false };
    });
  }
  if (download.end === 'error' || download.end === 'time-cap') return [];
  const ms = Math.max(download.readMs, MIN_MEASURABLE_MS);
  return [{ bytesPerSecond: (download.bytes * 1000) / ms, bytes: download.bytes, ms, whole: true }];
}

/**
 * The part of a download after its first `burstBytes` bytes, re-based to start there:
 * a shaper's burst allowance passes at full speed, the throttle only shows after it.
 * The moment the burst ended is interpolated inside the read that crossed it (a fast host
 * can deliver a megabyte in one read). A download that never got that far is returned
 * whole (no burst was seen: the whole transfer is the rate this host gives); one that
 * ended right at the burst has nothing after it (`undefined`).
 */
export function afterBurst(download: ThroughputDownload, burstBytes: number): ThroughputDownload | undefined {
  if (burstBytes <= 0) return download;
  const i = download.progress.findIndex(([, bytes]) => bytes >= burstBytes);
  const reached = download.progress[i];
  if (!reached) return download;
  const [t1, b1] = reached;
  const [tPrev, bPrev] = download.progress[i - 1] ?? [0, 0];
  const t0 = b1 === bPrev ? t1 : tPrev + ((burstBytes - bPrev) / (b1 - bPrev)) * (t1 - tPrev);
  if (download.bytes <= burstBytes && download.end !== 'time-cap') return undefined;
  const tail = download.progress.slice(i).map(([t, b]): [number, number] => [Math.max(0, t - t0), b - burstBytes]);
  return { ...download, bytes: download.bytes - burstBytes, readMs: Math.max(0, download.readMs - t0), progress: tail.filter(([, b]) => b > 0) };
}

/**
 * The samples that say what a host sustains: those after its burst allowance. A download
 * that never got past `burstBytes` keeps its 1 s slices (it was slow from the start, the
 * throttle is visible) but not a whole-download sample: a small object fetched fast may
 * have fitted entirely inside a shaper's burst, so it proves nothing about the rate after.
 */
export function sustainedSamples(download: ThroughputDownload, sliceMs: number, burstBytes = 0): ThroughputSample[] {
  const tail = afterBurst(download, burstBytes);
  if (!tail) return [];
  const samples = samplesOf(tail, sliceMs);
  const passedBurst = burstBytes <= 0 || tail !== download;
  return passedBurst ? samples : samples.filter((x) => !x.whole);
}

/** The median, robust to one outlier in either direction (e.g. a token bucket's first burst). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
