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

/** What every probe records, whatever it measured. */
interface ProbeRecord {
  serviceId: string;
  channel: Channel;
  url: string;
  /** Epoch ms when the probe started. */
  startedAt: number;
  /**
   * Redirect hops seen by webRequest (including Chrome's internal HSTS 307s), with the address the
   * hop's answer came from when the browser gave one.
   */
  redirects: { from: string; to: string; status: number; ip?: string }[];
  /** Timeout used, ms. */
  timeoutMs: number;
  timings: {
    /** ms from start to response headers (fetch resolved / ws open / first call answer). */
    headersMs?: number;
    /** ms from start to the end of the probe. */
    totalMs: number;
    /** ms the request waited in the browser before it started (webRequest); the timer runs from then. */
    queuedMs?: number;
  };
}

/**
 * What the browser tells about one request it sent (the response, or why none came), as the
 * request classifier reads it. Every fact may be missing: a probe records what it saw.
 */
export interface RequestFacts {
  /** HTTP status of the final response; absent when no response arrived. */
  status?: number;
  /** URL of the final response after redirects. */
  finalUrl?: string;
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
  /** The JS-level error message, e.g. `TypeError: Failed to fetch`. */
  jsError?: string;
  /**
   * Firefox only (`webRequest.getSecurityInfo`): who the certificate chain of the final HTTPS
   * response belongs to. Absent where the browser exposes no certificates (Chrome): unknown, not "clean".
   */
  tls?: TlsInspection;
}

/** A `fetch` of one URL (page, media host, API, or the follow-up HTTPS probe of a WebSocket host). */
export interface FetchObservation extends ProbeRecord, RequestFacts {
  kind: 'fetch';
}

/** A WebSocket opened and closed at once; when it fails, a follow-up `fetch` of its host tells why. */
export interface WebSocketObservation extends ProbeRecord, RequestFacts {
  kind: 'websocket';
  channel: 'realtime';
  /** Whether `open` fired, and the close code when it closed first. */
  ws: { opened: boolean; closeCode?: number };
}

/**
 * The browser-policy check: a navigation in a frame, stopped before it reaches the network.
 * The browser reports only its error (or nothing, before our timer ends it).
 */
export interface NavigationObservation extends ProbeRecord {
  kind: 'navigation';
  channel: 'page';
  netError?: string;
  timedOut?: boolean;
  /**
   * The policy let this navigation through and our own rule sent it on, before any request
   * left the browser, to this next URL checked in the same frame (a chain, docs/scale.md).
   */
  passedOnTo?: string;
}

/** Bounded timed downloads of a media host (or of the throughput control). */
export interface ThroughputProbeObservation extends ProbeRecord {
  kind: 'throughput';
  channel: 'media';
  /** HTTP status of the first download; absent when none answered. */
  status?: number;
  /** The bounded downloads, raw enough to recompute every figure. */
  throughput: ThroughputObservation;
}

/** ICE gathering against a STUN/TURN server. */
export interface CallProbeObservation extends ProbeRecord {
  kind: 'webrtc';
  channel: 'realtime';
  /** What ICE gathering against the server produced. */
  call: CallObservation;
}

/**
 * What one probe of one channel saw, one member per way of probing (`kind`). Produced by the
 * probe engine in the browser, consumed by the pure classifier, which narrows by `kind`.
 * Everything is plain JSON so it can be stored and replayed in tests; the stored shape is the
 * one every earlier version wrote (each kind always carried its own part).
 */
export type Observation = FetchObservation | WebSocketObservation | NavigationObservation | ThroughputProbeObservation | CallProbeObservation;

/** How a channel was probed. */
export type ObservationKind = Observation['kind'];

/** The member of `Observation` of one kind. */
export type ObservationOf<K extends ObservationKind> = Extract<Observation, { kind: K }>;

/**
 * A request-level observation as the request classifier reads it: a fetch, a WebSocket or a
 * navigation, each with the request facts it has (a navigation has only its error or silence).
 */
export type RequestObservation = ProbeRecord & RequestFacts & { kind: 'fetch' | 'websocket' | 'navigation' };

/** Any observation seen as evidence: its URL, timings and whatever request facts it carries. */
export type EvidenceSource = ProbeRecord & RequestFacts;

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
  /** The control hosts' fetches. */
  observations: FetchObservation[];
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
