import type { Channel } from '../catalog/types';
import type { TlsInspection } from './tls-observation';
import type { Discovery } from '../catalog/endpoint-schema';

/** One media host to measure; `discover` makes `url` the service's API that hands out the media URL. */
export interface ThroughputTask {
  serviceId: string;
  url: string;
  discover?: Discovery;
}

/** One URL to probe for one channel of one service. */
export interface ProbeTarget {
  serviceId: string;
  channel: Channel;
  url: string;
}

/**
 * What one probe of one channel saw. Produced by the probe engine in the browser,
 * consumed by the pure classifier. Everything is plain JSON so it can be stored and
 * replayed in tests.
 */
export interface Observation {
  serviceId: string;
  channel: Channel;
  /**
   * How the channel was probed. `throughput` = bounded timed downloads of the media
   * host (or the throughput control); `webrtc` = ICE gathering against a STUN/TURN server.
   */
  kind: 'fetch' | 'websocket' | 'navigation' | 'throughput' | 'webrtc';
  url: string;
  /** Epoch ms when the probe started. */
  startedAt: number;
  /** HTTP status of the final response; absent when no response arrived. */
  status?: number;
  /** URL of the final response after redirects. */
  finalUrl?: string;
  /**
   * Redirect hops seen by webRequest (including Chrome's internal HSTS 307s), with the address the
   * hop's answer came from when the browser gave one.
   */
  redirects: { from: string; to: string; status: number; ip?: string }[];
  /**
   * The address the final answer came from (webRequest `ip`; Chrome and Firefox give it with a
   * response or redirect, never with a connection error). It is the DNS answer for a public service
   * name, or the proxy's address when the request went through one — a fact about the network,
   * never the employee's own address (docs/verdicts-on-real-networks.md).
   */
  ip?: string;
  /**
   * A proxy asked for credentials on this request (webRequest `onAuthRequired` with `isProxy`, or an
   * HTTP 407): the request says nothing about the service until someone signs in to the proxy.
   */
  proxyAuth?: boolean;
  /**
   * After a connection-level failure: what this machine's resolver answers for the failing host
   * (Firefox `dns.resolve`; Chromium's `dns` API where the build exposes it), since browsers give no
   * address with a connection error. Addresses of public service names only.
   */
  localDns?: DnsAnswer;
  /**
   * What public resolvers answer for the failing host over DNS-over-HTTPS, asked after a DNS failure
   * or a local answer: confirms a DNS block, or shows the name is gone for everyone.
   */
  publicDns?: DnsAnswer;
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
  /** Our timer ended it before the browser even started the request: the browser was saturated, not the network. */
  notSent?: boolean;
  /**
   * A control request issued while this probe waited also got no answer in time (see
   * `ControlPulse`): the silence says the browser or the network was saturated, not that
   * the service is blocked. Holds how long that control request went unanswered, ms.
   */
  controlStalledMs?: number;
  /** Timeout used, ms. */
  timeoutMs: number;
  /** The JS-level error message, e.g. `TypeError: Failed to fetch`. */
  jsError?: string;
  /**
   * Firefox only (`webRequest.getSecurityInfo`): who the certificate chain of the final HTTPS
   * response belongs to. Absent where the browser exposes no certificates (Chrome): unknown, not "clean".
   */
  tls?: TlsInspection;
  /** WebSocket only: close code and whether `open` fired. */
  ws?: { opened: boolean; closeCode?: number };
  /** Throughput probes only: the bounded downloads, raw enough to recompute every figure. */
  throughput?: ThroughputObservation;
  /** WebRTC call probes only: what ICE gathering against the server produced. */
  call?: CallObservation;
  timings: {
    /** ms from start to response headers (fetch resolved / ws open). */
    headersMs?: number;
    /** ms from start to the end of the probe. */
    totalMs: number;
    /** ms the request waited in the browser before it started (webRequest); the timer runs from then. */
    queuedMs?: number;
  };
}

/** One DNS answer for a service host name. */
export interface DnsAnswer {
  /** `ok`: addresses found; `nxdomain`: no such name (or no address) there; `unreachable`: nobody answered. */
  status: 'ok' | 'nxdomain' | 'unreachable';
  addresses: string[];
  /** Who answered: `local`, or the public resolver's host (e.g. `cloudflare-dns.com`). */
  source: string;
  /** Why nobody answered, for the evidence. */
  error?: string;
}

/** Result of the connectivity control that runs first in every audit. */
export interface ControlResult {
  ok: boolean;
  observations: Observation[];
  /** Why the control failed, in words for the evidence view. */
  reason?: string;
  /**
   * The control hosts were answered by someone else (a sign-in portal, a proxy wanting
   * credentials): "sign-in required", distinct from offline. `portalHost` is the host that answered
   * in their place, when the answer names it.
   */
  signIn?: { portalHost?: string; proxy?: boolean };
  /**
   * Addresses the control hosts' defined answers came from: the network's own path (an explicit
   * proxy; the lab), so requests answered from there are not DNS evidence (docs/verdicts-on-real-networks.md).
   */
  pathAddresses?: string[];
}

/** One bounded, timed download made by the throughput probe. */
export interface ThroughputDownload {
  /** HTTP status; absent when no response arrived. */
  status?: number;
  /** ms from request start to response headers (time to first byte, roughly). */
  ttfbMs?: number;
  /** Body bytes read. */
  bytes: number;
  /** `[ms since headers, cumulative bytes]` after each read, thinned to a bounded length. */
  progress: [number, number][];
  /** ms from headers to the moment reading stopped. */
  readMs: number;
  /**
   * Why reading stopped: the body ended, the byte cap or the time window was reached,
   * or an error/our timer cut it (part-way when `bytes` > 0: degraded, not blocked).
   */
  end: 'complete' | 'byte-cap' | 'time-cap' | 'error';
  /** JS error text when `end` is `error`. */
  error?: string;
}

/** What a throughput probe of one host saw. */
export interface ThroughputObservation {
  downloads: ThroughputDownload[];
  /** The limits in force, so a stored observation explains its own bounds. */
  limits: { maxBytes: number; windowMs: number; sliceMs: number; burstBytes?: number };
  /** Why nothing was downloaded (e.g. the media channel itself failed). */
  skipped?: string;
  /** Run-time discovery of the media URL (catalog `discover`), when the service's URLs rotate. */
  discovery?: MediaDiscovery;
}

/** What asking the service's own API for a media URL gave (evidence of its own). */
export interface MediaDiscovery {
  /** The API asked (the catalog's media channel). */
  api: string;
  status?: number;
  /** The media URL it handed out (range applied), when one was accepted. */
  url?: string;
  /** Why no URL was accepted: network error, bad JSON, missing field, foreign host. */
  error?: string;
}

/** ICE candidate types Chromium reports. */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

/** What gathering ICE candidates against one STUN/TURN server produced. */
export interface CallObservation {
  /** Candidate types seen (host candidates prove nothing about the server). */
  candidateTypes: CandidateType[];
  /** `onicecandidateerror` codes and texts, e.g. `401 Unauthorized` (the server answered) or `701 …`. */
  errors: { code: number; text: string }[];
  /** Gathering ended by our timer rather than by the browser. */
  timedOut: boolean;
  /** The call probe could not run here (no RTCPeerConnection, no offscreen document). */
  unsupported?: string;
}
