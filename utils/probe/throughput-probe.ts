import type { Observation, ThroughputDownload } from './types';
import { THROUGHPUT_LIMITS, type ThroughputLimits } from './throughput-limits';
import { samplesOf } from './throughput-samples';
import { PROBE_REQUEST } from './request-init';

export interface ThroughputProbeOptions {
  serviceId: string;
  url: string;
  /** How long to wait for response headers (the audit's probe timeout). */
  headerTimeoutMs: number;
  limits?: ThroughputLimits;
  fetchImpl?: typeof fetch;
  /** Monotonic ms clock (injected by tests). */
  now?: () => number;
  clock?: () => number;
}

/** Progress points kept per download: enough for 1 s slices, bounded for storage. */
const MAX_PROGRESS_POINTS = 300;

/**
 * Measure a host's throughput: bounded downloads (bytes and time), the same way as a
 * probe fetch (no cookies, no cache). A fast host is downloaded again until it gives
 * enough samples; a slow one fills its samples from the 1 s slices of one window, so a
 * throttled host costs one window, not three.
 */
export async function probeThroughput(opts: ThroughputProbeOptions): Promise<Observation> {
  const { limits = THROUGHPUT_LIMITS, now = () => performance.now(), clock = Date.now } = opts;
  const started = now();
  const startedAt = clock();
  const downloads: ThroughputDownload[] = [];
  while (downloads.length < limits.maxDownloadsPerHost) {
    const d = await downloadOnce(opts, limits, now);
    downloads.push(d);
    const samples = downloads.flatMap((x) => samplesOf(x, limits.sliceMs)).length;
    // Repeating cannot help a failed host, a file too small to measure, or a slow host (already a full window).
    if (samples >= limits.minSamples || d.end === 'error' || d.end === 'time-cap') break;
    if (d.end === 'complete' && d.bytes < limits.minBytes) break;
    if (d.status === undefined || d.status >= 400) break;
  }
  const first = downloads[0];
  return {
    serviceId: opts.serviceId,
    channel: 'media',
    kind: 'throughput',
    url: opts.url,
    startedAt,
    redirects: [],
    timeoutMs: opts.headerTimeoutMs,
    ...(first?.status !== undefined ? { status: first.status } : {}),
    throughput: { downloads, limits: { maxBytes: limits.maxBytes, windowMs: limits.windowMs, sliceMs: limits.sliceMs } },
    timings: { ...(first?.ttfbMs !== undefined ? { headersMs: first.ttfbMs } : {}), totalMs: Math.round(now() - started) },
  };
}

async function downloadOnce(opts: ThroughputProbeOptions, limits: ThroughputLimits, now: () => number): Promise<ThroughputDownload> {
  const { fetchImpl = fetch } = opts;
  const started = now();
  const controller = new AbortController();
  const headerTimer = setTimeout(() => controller.abort(), opts.headerTimeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(opts.url, { ...PROBE_REQUEST, signal: controller.signal });
  } catch (error) {
    clearTimeout(headerTimer);
    return { bytes: 0, progress: [], readMs: 0, end: 'error', error: String(error) };
  }
  clearTimeout(headerTimer);
  const headersAt = now();
  const base = { status: response.status, ttfbMs: Math.round(headersAt - started) };
  const reader = response.body?.getReader();
  if (!reader || !response.ok) {
    await reader?.cancel().catch(() => {});
    return { ...base, bytes: 0, progress: [], readMs: 0, end: 'complete' };
  }
  let bytes = 0;
  let progress: [number, number][] = [];
  let windowOver = false;
  // Our own window timer: cancelling the reader ends the pending read with `done`.
  const windowTimer = setTimeout(() => {
    windowOver = true;
    reader.cancel().catch(() => {});
  }, limits.windowMs);
  let end: ThroughputDownload['end'] = 'complete';
  let error: string | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        end = windowOver ? 'time-cap' : 'complete';
        break;
      }
      bytes += value.byteLength;
      progress.push([Math.round(now() - headersAt), bytes]);
      if (progress.length > MAX_PROGRESS_POINTS) progress = progress.filter((_, i) => i % 2 === 1 || i === progress.length - 1);
      if (bytes >= limits.maxBytes) {
        end = 'byte-cap';
        break;
      }
    }
  } catch (e) {
    end = windowOver ? 'time-cap' : 'error';
    if (!windowOver) error = String(e);
  } finally {
    clearTimeout(windowTimer);
    reader.cancel().catch(() => {});
  }
  const readMs = Math.round(now() - headersAt);
  return { ...base, bytes, progress, readMs, end, ...(error ? { error } : {}) };
}
