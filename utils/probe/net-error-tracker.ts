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
}
export interface ErrorEvent extends RequestEvent {
  error: string;
}

interface Pending {
  url: string;
  requestId?: string;
  redirects: Observation['redirects'];
  netError?: string;
}

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
    const pending: Pending = { url, redirects: [] };
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
    });
  }

  onErrorOccurred(event: ErrorEvent): void {
    const pending = this.byRequestId.get(event.requestId);
    if (pending) pending.netError = event.error;
  }

  /**
   * Merge what webRequest saw into the observation and forget the probe.
   * The error event can trail the rejected fetch by a few ms, hence the wait.
   */
  async finish(pending: Pending, obs: Observation, settleMs = 60): Promise<Observation> {
    if (obs.status === undefined && !pending.netError) await new Promise((r) => setTimeout(r, settleMs));
    const queue = this.waiting.get(pending.url) ?? [];
    const rest = queue.filter((p) => p !== pending);
    if (rest.length) this.waiting.set(pending.url, rest);
    else this.waiting.delete(pending.url);
    if (pending.requestId) this.byRequestId.delete(pending.requestId);
    if (pending.netError) obs.netError = pending.netError;
    if (pending.redirects.length) obs.redirects = pending.redirects;
    return obs;
  }
}
