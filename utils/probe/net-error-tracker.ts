import type { FetchObservation, WebSocketObservation } from './types';
import { tagOf, tagUrl, untagUrl } from './request-tag';

/** The parts of webRequest events the tracker needs (Chrome and Firefox shapes agree). */
export interface RequestEvent {
  requestId: string;
  url: string;
  tabId: number;
  /** `xmlhttprequest` for fetch, `websocket`, `sub_frame`… */
  type?: string;
  /** When the browser raised the event, ms since the epoch. */
  timeStamp?: number;
  initiator?: string;
  originUrl?: string;
}
export interface RedirectEvent extends RequestEvent {
  redirectUrl: string;
  statusCode: number;
  ip?: string;
}
export interface ErrorEvent extends RequestEvent {
  error: string;
}
/** `onResponseStarted` / `onBeforeRedirect`: `ip` is the address the answer came from. */
export interface ResponseEvent extends RequestEvent {
  ip?: string;
}
/** `onHeadersReceived`: the status of each answer, a proxy's answer to a tunnel request included. */
export interface HeadersEvent extends RequestEvent {
  statusCode: number;
}
/** `onAuthRequired`: `isProxy` tells a proxy's 407 from a server's 401. */
export interface AuthEvent extends RequestEvent {
  isProxy: boolean;
}

/** One probe's request, as the tracker follows it. */
export interface TrackedRequest {
  /** The probe's own URL. */
  url: string;
  /** What to hand to fetch/WebSocket: for fetch, `url` tagged with this probe's fragment. */
  requestUrl: string;
  requestId?: string;
  redirects: FetchObservation['redirects'];
  netError?: string;
  /** Address of the last answer (webRequest `ip`). */
  ip?: string;
  /** A proxy asked this request for credentials. */
  proxyAuth?: boolean;
  /** Resolves with the browser's time (epoch ms) when the request really started. */
  started: Promise<number>;
  /** That time, once its event came. */
  startedAt?: number;
  /** Resolves when the browser reports this request's error. */
  errored: Promise<void>;
  /** Resolves when the browser reports where the answer came from (`onResponseStarted`). */
  answered: Promise<void>;
}

interface Pending extends TrackedRequest {
  tag?: string;
  /** `onResponseStarted` came (with or without an address). */
  answeredSeen?: boolean;
  markStarted(at: number): void;
  signalError(): void;
  signalAnswered(): void;
}

/**
 * How long a probe waits for the webRequest event it still needs: a failed probe
 * for its error, an answered one for the address its answer came from
 * (`onResponseStarted`). webRequest events reach the extension on their own path,
 * behind every other request's events, so they trail the fetch: by a few ms on a
 * quiet machine, but by hundreds under load — measured here during a full-catalog
 * audit, the address event of an answered probe arrived up to 0.8 s after its
 * headers, after the whole body had been read (and in Firefox events cross
 * processes). Without the error the verdict loses its mechanism; without the
 * address a split-horizon or sinkhole answer goes unseen, and the control's own
 * address (docs/verdicts-on-real-networks.md, rule 6) is lost. A probe our own
 * timer ended never waits: the browser can only report our abort.
 */
export const ERROR_EVENT_WAIT_MS = 2000;

async function raceTimer(event: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([event, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/**
 * Correlates the extension's own probe requests with webRequest events, because
 * `fetch` hides the cause of a failure ("Failed to fetch") while
 * `webRequest.onErrorOccurred` names it (`net::ERR_NAME_NOT_RESOLVED`).
 * A fetch probe is recognised by the tag in its URL fragment (request-tag.ts),
 * never by its URL alone: our policy-check frame for the same URL fails with
 * `ERR_BLOCKED_BY_CLIENT`, and that must never become the probe's error. From
 * then on the request is followed by its requestId only, through redirects.
 * WebSocket URLs cannot carry a fragment, so a socket probe is matched to the
 * first `websocket`-type request for its exact URL (the audit never runs two
 * probes of one URL at once, and no frame is of that type).
 */
export class NetErrorTracker {
  private next = 0;
  private readonly byTag = new Map<string, Pending>();
  private readonly sockets = new Map<string, Pending[]>();
  private readonly byRequestId = new Map<string, Pending>();

  /** Call before starting a fetch probe of `url`; fetch `requestUrl`, then pass the handle to `finish`. */
  begin(url: string): TrackedRequest {
    const tag = `${++this.next}`;
    const pending = this.pending(url, tagUrl(url, tag));
    pending.tag = tag;
    this.byTag.set(tag, pending);
    return pending;
  }

  /** Call before opening a WebSocket probe of `url`. */
  beginSocket(url: string): TrackedRequest {
    const pending = this.pending(url, url);
    this.sockets.set(url, [...(this.sockets.get(url) ?? []), pending]);
    return pending;
  }

  onBeforeRequest(event: RequestEvent): void {
    if (this.byRequestId.has(event.requestId)) return; // a redirect hop of a known request
    const tag = tagOf(event.url);
    const pending = tag !== undefined
      ? this.byTag.get(tag)
      : event.type === 'websocket'
        ? this.sockets.get(event.url)?.find((p) => p.requestId === undefined)
        : undefined;
    if (!pending || pending.requestId !== undefined) return;
    pending.requestId = event.requestId;
    this.byRequestId.set(event.requestId, pending);
    pending.startedAt = event.timeStamp ?? Date.now();
    pending.markStarted(pending.startedAt);
  }

  onBeforeRedirect(event: RedirectEvent): void {
    this.byRequestId.get(event.requestId)?.redirects.push({
      from: untagUrl(event.url),
      to: untagUrl(event.redirectUrl),
      status: event.statusCode,
      ...(event.ip ? { ip: event.ip } : {}),
    });
  }

  /** The address the final answer came from (the DNS answer, or the proxy's address). */
  onResponseStarted(event: ResponseEvent): void {
    const pending = this.byRequestId.get(event.requestId);
    if (!pending) return;
    if (event.ip) pending.ip = event.ip;
    pending.answeredSeen = true;
    pending.signalAnswered();
  }

  /** A proxy's 407: over HTTPS the browser then only reports a failed tunnel. */
  onAuthRequired(event: AuthEvent): void {
    const pending = this.byRequestId.get(event.requestId);
    if (pending && event.isProxy) pending.proxyAuth = true;
  }

  /**
   * A 407 answer: only a proxy sends it (RFC 9110, 407 Proxy Authentication Required). Firefox 153
   * ESR shows the proxy's 407 to the tunnel of an HTTPS request here, then fails the request with
   * NS_ERROR_PROXY_CONNECTION_REFUSED — its code for a proxy that is down too — and raises no
   * `onAuthRequired` for an extension's request (docs/firefox-errors.md).
   */
  onHeadersReceived(event: HeadersEvent): void {
    const pending = this.byRequestId.get(event.requestId);
    if (pending && event.statusCode === 407) pending.proxyAuth = true;
  }

  onErrorOccurred(event: ErrorEvent): void {
    const pending = this.byRequestId.get(event.requestId);
    if (!pending) return;
    pending.netError = event.error;
    pending.signalError();
  }

  /**
   * Merge what webRequest saw into the observation and forget the probe. A
   * probe that got no response waits (at most `maxWaitMs`) for its error event,
   * one that got a response for its address event, both of which trail the
   * fetch — unless our own timer ended it: then the browser can only report our
   * abort. The wait does not depend on having seen the request start: its
   * `onBeforeRequest` travels the same lagging path, so under load it can arrive
   * after the fetch has already resolved.
   */
  async finish<T extends FetchObservation | WebSocketObservation>(request: TrackedRequest, obs: T, maxWaitMs = ERROR_EVENT_WAIT_MS): Promise<T> {
    const pending = request as Pending;
    if (obs.status === undefined && !obs.timedOut && !pending.netError && maxWaitMs > 0) {
      await raceTimer(pending.errored, maxWaitMs);
    } else if (obs.status !== undefined && !pending.answeredSeen && maxWaitMs > 0) {
      await raceTimer(pending.answered, maxWaitMs);
    }
    if (pending.tag !== undefined) this.byTag.delete(pending.tag);
    const rest = (this.sockets.get(pending.url) ?? []).filter((p) => p !== pending);
    if (rest.length) this.sockets.set(pending.url, rest);
    else this.sockets.delete(pending.url);
    if (pending.requestId) this.byRequestId.delete(pending.requestId);
    if (pending.netError) obs.netError = pending.netError;
    if (pending.redirects.length) obs.redirects = pending.redirects;
    if (pending.ip) obs.ip = pending.ip;
    if (pending.proxyAuth) obs.proxyAuth = true;
    // The start event may have come after the fetch settled (events trail): the wait is still known.
    if (obs.timings.queuedMs === undefined && pending.startedAt !== undefined && obs.kind === 'fetch') {
      obs.timings.queuedMs = Math.max(0, Math.round(pending.startedAt - obs.startedAt));
    }
    return obs;
  }

  private pending(url: string, requestUrl: string): Pending {
    let markStarted: (at: number) => void = () => {};
    let signalError = () => {};
    const started = new Promise<number>((resolve) => (markStarted = resolve));
    const errored = new Promise<void>((resolve) => (signalError = resolve));
    let signalAnswered = () => {};
    const answered = new Promise<void>((resolve) => (signalAnswered = resolve));
    return { url, requestUrl, redirects: [], started, errored, answered, markStarted, signalError, signalAnswered };
  }
}
