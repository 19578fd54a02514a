import type { Channel } from '../catalog/types';

/**
 * What one probe of one channel saw. Produced by the probe engine in the browser,
 * consumed by the pure classifier. Everything is plain JSON so it can be stored and
 * replayed in tests.
 */
export interface Observation {
  serviceId: string;
  channel: Channel;
  /** How the channel was probed. */
  kind: 'fetch' | 'websocket' | 'navigation';
  url: string;
  /** Epoch ms when the probe started. */
  startedAt: number;
  /** HTTP status of the final response; absent when no response arrived. */
  status?: number;
  /** URL of the final response after redirects. */
  finalUrl?: string;
  /** Redirect hops seen by webRequest (including Chrome's internal HSTS 307s). */
  redirects: { from: string; to: string; status: number }[];
  /** Lower-cased response headers useful as evidence (server, via, x-squid-error, location, content-type). */
  headers?: Record<string, string>;
  /** `<title>` of an HTML response, trimmed. */
  title?: string;
  /** First few kB of an HTML/text body, for block-page fingerprints. */
  bodySnippet?: string;
  /** Bytes of body read (bounded). */
  bodyBytes?: number;
  /** Browser network error string, e.g. `net::ERR_NAME_NOT_RESOLVED` or Firefox's `NS_ERROR_UNKNOWN_HOST`. */
  netError?: string;
  /** The probe's own timer ended it (the browser may then report `net::ERR_ABORTED`). */
  timedOut?: boolean;
  /** Timeout used, ms. */
  timeoutMs: number;
  /** The JS-level error message, e.g. `TypeError: Failed to fetch`. */
  jsError?: string;
  /** WebSocket only: close code and whether `open` fired. */
  ws?: { opened: boolean; closeCode?: number };
  timings: {
    /** ms from start to response headers (fetch resolved / ws open). */
    headersMs?: number;
    /** ms from start to the end of the probe. */
    totalMs: number;
  };
}

/** Result of the connectivity control that runs first in every audit. */
export interface ControlResult {
  ok: boolean;
  observations: Observation[];
  /** Why the control failed, in words for the evidence view. */
  reason?: string;
}
