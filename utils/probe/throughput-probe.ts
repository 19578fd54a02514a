import type { Discovery } from '../catalog/endpoint-schema';
import type { MediaDiscovery, ThroughputDownload, ThroughputProbeObservation } from './types';
import { THROUGHPUT_LIMITS, type ThroughputLimits } from './throughput-limits';
import { sustainedSamples } from './throughput-samples';
import { PROBE_REQUEST } from './request-init';
import { discoverMediaUrl } from './media-discovery';

export interface ThroughputProbeOptions {
  serviceId: string;
  url: string;
  /** How long to wait for response headers (the audit's probe timeout). */
  headerTimeoutMs: number;
  limits?: ThroughputLimits;
  /** The catalog's discovery description: `url` is then the service's API that hands out the media URL. */
  discover?: Discovery;
  fetchImpl?: typeof fetch;
  /** Monotonic ms clock (injected by tests). */
  now?: () => number;
  clock?: () => number;
}

/** Progress points kept per download: enough for 1 s slices, bounded for storage. */
const MAX_PROGRESS_POINTS = 300;

/**
 * Measure a host's throughput: one long bounded download (bytes and time), the same way as
 * a probe fetch (no cookies, no cache), judged after its first `burstBytes` (a shaper's
 * burst allowance). With a `discover` description, the service's own API is asked for the
 * media URL first, and that answer is kept as evidence. Limits allowing, a fast host is
 * downloaded again until it gives enough samples; a slow one fills its samples from the
 * 1 s slices of one window.
 */
export async function probeThroughput(opts: ThroughputProbeOptions): Promise<ThroughputProbeObservation> {
  const { limits = THROUGHPUT_LIMITS, now = () => performance.now(), clock = Date.now } = opts;
  const started = now();
  const startedAt = clock();
  const downloads: ThroughputDownload[] = [];
  let discovery: MediaDiscovery | undefined;
  let url = opts.url;
  if (opts.discover) {
    const found = await discoverMediaUrl(opts.url, opts.discover, {
      bytes: limits.maxBytes,
      timeoutMs: opts.headerTimeoutMs,
      ...(opts.fetchImpl ? { fetchImpl: opts.fetchImpl } : {}),
    });
    discovery = found.evidence;
    if (found.mediaUrl) url = found.mediaUrl;
  }
  const { maxBytes, windowMs, sliceMs, burstBytes } = limits;
  const observed = {
    serviceId: opts.serviceId, channel: 'media' as const, kind: 'throughput' as const,
    // A discovered URL is recorded as the discovery evidence shows it (no query); the catalog URL otherwise.
    url: discovery?.url ?? opts.url, startedAt, redirects: [], timeoutMs: opts.headerTimeoutMs,
  };
  if (discovery && url === opts.url) {
    // No media URL, nothing to measure: the discovery's own evidence says why.
    return { ...observed, throughput: { downloads, limits: { maxBytes, windowMs, sliceMs, burstBytes }, skipped: 'discovery-failed', discovery }, timings: { totalMs: Math.round(now() - started) } };
  }
  while (downloads.length < limits.maxDownloadsPerHost) {
    const d = await downloadOnce({ ...opts, url }, limits, now);
    downloads.push(d);
    const samples = downloads.flatMap((x) => sustainedSamples(x, sliceMs, burstBytes)).length;
    // Repeating cannot help a failed host, a file too small to measure, or a slow host (already a full window).
    if (samples >= limits.minSamples || d.end === 'error' || d.end === 'time-cap') break;
    if (d.end === 'complete' && d.bytes < limits.minBytes) break;
    if (d.status === undefined || d.status >= 400) break;
  }
  const first = downloads[0];
  return {
    ...observed,
    ...(first?.status !== undefined ? { status: first.status } : {}),
    throughput: { downloads, limits: { maxBytes, windowMs, sliceMs, burstBytes }, ...(discovery ? { discovery } : {}) },
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
    // Ask for no more than the cap: a server that honours Range (most CDNs do) sends nothing past it.
    response = await fetchImpl(opts.url, { ...PROBE_REQUEST, headers: { range: `bytes=0-${limits.maxBytes - 1}` }, signal: controller.signal });
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
