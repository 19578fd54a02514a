import type { Observation } from './types';

/** The parts of webRequest events the tracker needs (Chrome and Firefox shapes agree). */
export interface RequestEvent {
  requestId: string;
  url: string;
  tabId: number;
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
/** `onAuthRequired`: `isProxy` tells a proxy's 407 from a server's 401. */
export interface AuthEvent extends RequestEvent {
  isProxy: boolean;
}

interface Pending {
  url: string;
  requestId?: string;
  redirects: Observation['redirects'];
  netError?: string;
  /** Address of the last answer (webRequest `ip`). */
  ip?: string;
  /** A proxy asked this request for credentials. */
  proxyAuth?: boolean;
  /** Resolves when the browser reports this request's error. */
  errored: Promise<void>;
  signalError: () => void;
}

/**
 * How long a failed probe waits for its error event. The event trails the
 * rejected fetch by a few ms on a quiet machine, but by hundreds under load
 * (and in Firefox, whose events cross processes); without it the verdict
 * would lose its mechanism. A probe that got a response never waits.
 */
export const ERROR_EVENT_WAIT_MS = 2000;

/**
 * Correlates the extension's own probe requests with webRequest events, because
 * `fetch` hides the cause of a failure ("Failed to fetch") while
 * `webRequest.onErrorOccurred` names it (`net::ERR_NAME_NOT_RESOLVED`).
 * Requests are matched to probes by URL in arrival order, then followed by
 * requestId through redirects.
 */
export class NetErrorTracker {
  private readonly waiting = new Map<string, Pending[]>();
  private readonly byRequestId = new Map<string, Pending>();

  /** Call before starting a probe of `url`; pass the handle to `finish`. */
  begin(url: string): Pending {
    let signalError = () => {};
    const errored = new Promise<void>((resolve) => (signalError = resolve));
    const pending: Pending = { url, redirects: [], errored, signalError };
    const queue = this.waiting.get(url) ?? [];
    queue.push(pending);
    this.waiting.set(url, queue);
    return pending;
  }

  onBeforeRequest(event: RequestEvent): void {
    if (this.byRequestId.has(event.requestId)) return; // a redirect hop of a known request
    const queue = this.waiting.get(event.url);
    const pending = queue?.find((p) => p.requestId === undefined);
    if (!pending) return;
    pending.requestId = event.requestId;
    this.byRequestId.set(event.requestId, pending);
  }

  onBeforeRedirect(event: RedirectEvent): void {
    this.byRequestId.get(event.requestId)?.redirects.push({
      from: event.url,
      to: event.redirectUrl,
      status: event.statusCode,
      ...(event.ip ? { ip: event.ip } : {}),
    });
  }

  /** The address the final answer came from (the DNS answer, or the proxy's address). */
  onResponseStarted(event: ResponseEvent): void {
    const pending = this.byRequestId.get(event.requestId);
    if (pending && event.ip) pending.ip = event.ip;
  }

  /** A proxy's 407: over HTTPS the browser then only reports a failed tunnel. */
  onAuthRequired(event: AuthEvent): void {
    const pending = this.byRequestId.get(event.requestId);
    if (pending && event.isProxy) pending.proxyAuth = true;
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
   * which trails the rejected fetch.
   */
  async finish(pending: Pending, obs: Observation, maxWaitMs = ERROR_EVENT_WAIT_MS): Promise<Observation> {
    if (obs.status === undefined && !pending.netError && maxWaitMs > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([pending.errored, new Promise((r) => (timer = setTimeout(r, maxWaitMs)))]);
      clearTimeout(timer);
    }
    const queue = this.waiting.get(pending.url) ?? [];
    const rest = queue.filter((p) => p !== pending);
    if (rest.length) this.waiting.set(pending.url, rest);
    else this.waiting.delete(pending.url);
    if (pending.requestId) this.byRequestId.delete(pending.requestId);
    if (pending.netError) obs.netError = pending.netError;
    if (pending.redirects.length) obs.redirects = pending.redirects;
    if (pending.ip) obs.ip = pending.ip;
    if (pending.proxyAuth) obs.proxyAuth = true;
    return obs;
  }
}
