import type { Channel } from '../catalog/types';
import type { FetchObservation } from './types';
import { PROBE_REQUEST } from './request-init';

/** Response headers kept as evidence: they name proxies and filters, never the user. */
const EVIDENCE_HEADERS = ['server', 'via', 'x-squid-error', 'location', 'content-type', 'cf-mitigated', 'x-cache'];
/** Enough of a body to recognise a block page without downloading the service. */
const MAX_BODY_BYTES = 64 * 1024;
const SNIPPET_CHARS = 16 * 1024;

export interface FetchProbeOptions {
  serviceId: string;
  channel: Channel;
  url: string;
  /** What to fetch when it differs from `url` (the tracker's tagged URL). */
  requestUrl?: string;
  timeoutMs: number;
  /**
   * Resolves with the browser's time (epoch ms) when the request really started
   * (webRequest). The timer then runs from that moment, so it measures the network and
   * not the time the request waited in the browser before it was sent (see docs/scale.md).
   */
  started?: Promise<number>;
  /**
   * How long, once the timeout has passed without `started`, to wait for it still: webRequest
   * events trail the requests they describe (see ERROR_EVENT_WAIT_MS), so a missing start
   * event alone does not prove the browser held the request.
   */
  startGraceMs?: number;
  /** Called once when the request is answered: headers, or an error that is not our own timeout. */
  onFirstAnswer?: () => void;
  fetchImpl?: typeof fetch;
  now?: () => number;
  clock?: () => number;
}

/**
 * Fetch one URL the way a probe must: no cookies, no cache, redirects followed,
 * bounded body, our own timer. `fetch` only says "Failed to fetch"; the precise
 * network error is added later from webRequest by the caller.
 */
export async function probeFetch(opts: FetchProbeOptions): Promise<FetchObservation> {
  const { fetchImpl = fetch, now = () => performance.now(), clock = Date.now } = opts;
  const started = now();
  const obs: FetchObservation = {
    serviceId: opts.serviceId,
    channel: opts.channel,
    kind: 'fetch',
    url: opts.url,
    startedAt: clock(),
    redirects: [],
    timeoutMs: opts.timeoutMs,
    timings: { totalMs: 0 },
  };
  const controller = new AbortController();
  let timedOut = false;
  let sent: number | undefined;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The deadline runs from the browser's start of the request once it is known, so time the
  // request waited in the browser before it was sent is not counted as network silence.
  // Until then it runs from our call; past it, a request whose start is still unknown gets
  // `startGraceMs` more for the trailing event, then is ended: a request the browser did not
  // send within the timeout proves only that the browser was saturated (`notSent`).
  let deadline = obs.startedAt + opts.timeoutMs;
  let graceGiven = !opts.started;
  const arm = () => {
    clearTimeout(timer);
    const left = deadline - clock();
    if (left > 0) timer = setTimeout(onTimer, left);
    else onTimer();
  };
  const onTimer = () => {
    if (sent === undefined && !graceGiven) {
      graceGiven = true;
      deadline = clock() + (opts.startGraceMs ?? 0);
      arm();
      return;
    }
    timedOut = true;
    controller.abort();
  };
  arm();
  void opts.started?.then((at) => {
    if (timedOut || finished) return;
    sent = at;
    deadline = at + opts.timeoutMs;
    arm();
  });
  try {
    const response = await fetchImpl(opts.requestUrl ?? opts.url, { ...PROBE_REQUEST, signal: controller.signal });
    opts.onFirstAnswer?.();
    obs.timings.headersMs = Math.round(now() - started);
    obs.status = response.status;
    obs.finalUrl = response.url || opts.url;
    obs.headers = pickHeaders(response.headers);
    await readBody(response, obs);
  } catch (error) {
    if (!timedOut && obs.status === undefined) opts.onFirstAnswer?.();
    // A timeout after the headers arrived is a slow body, not a block: keep what we have.
    if (timedOut && obs.status === undefined) obs.timedOut = true;
    if (obs.status === undefined) obs.jsError = String(error);
  } finally {
    finished = true;
    clearTimeout(timer);
    obs.timings.totalMs = Math.round(now() - started);
    if (sent !== undefined) obs.timings.queuedMs = Math.max(0, Math.round(sent - obs.startedAt));
    else if (opts.started && obs.timedOut) obs.notSent = true;
  }
  return obs;
}

function pickHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of EVIDENCE_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value.slice(0, 300);
  }
  return kept;
}

async function readBody(response: Response, obs: FetchObservation): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < MAX_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    obs.bodyBytes = total;
    reader.cancel().catch(() => {});
  }
  const type = obs.headers?.['content-type'] ?? '';
  if (!/text|html|json|xml/i.test(type) && type !== '') return;
  const text = new TextDecoder().decode(concat(chunks, total)).slice(0, SNIPPET_CHARS);
  obs.bodySnippet = text;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  if (title) obs.title = title.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
