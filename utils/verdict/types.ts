import type { Channel } from '../catalog/types';
import type { EvidenceSource, MediaDiscovery } from '../probe/types';
import type { TlsInspection } from '../probe/tls-observation';
import type { IceServer } from '../catalog/ice-url';

export const VERDICTS = ['reachable', 'throttled', 'partial', 'blocked', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * What blocked a channel. `extension` = another browser extension (local, not the network).
 * `restricted` = reachable, but the network forces the service's restricted mode (YouTube
 * Restricted Mode, Google SafeSearch): the verdict is then `partial` (docs/restricted-modes.md).
 */
export const MECHANISMS = ['dns', 'tcp', 'timeout', 'tls', 'proxy', 'policy', 'block-page', 'extension', 'restricted'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

/** A recognised corporate filter block page. */
export interface FingerprintMatch {
  id: string;
  vendor: string;
  /** Which signal matched: header, body, title, redirect host/path. */
  matched: string;
}

export interface Evidence {
  url: string;
  netError?: string;
  status?: number;
  finalHost?: string;
  redirects?: EvidenceSource['redirects'];
  fingerprint?: FingerprintMatch;
  /** Firefox only: TLS inspection by certificate owner (`inspected` + the root's name). */
  tls?: TlsInspection;
  timings: EvidenceSource['timings'];
  /** One sentence explaining the verdict, in English, for reports (the UI localises by `reason`). */
  detail: string;
  /** Media channels: throughput of the media host vs the same-run control (kB/s, TTFB, samples). */
  throughput?: ThroughputEvidence;
  /** Realtime channels with a call endpoint: what the STUN/TURN server answered. */
  call?: CallEvidence;
  /** Mechanism `restricted`: which restricted mode the network forces, and how we know. */
  restriction?: Restriction;
}

export interface ChannelVerdict {
  channel: Channel;
  verdict: Verdict;
  mechanism?: Mechanism;
  /** Stable machine key for the rule that decided, e.g. `dns-nxdomain`, `proxy-tunnel-refused`. */
  reason: string;
  evidence: Evidence;
}

export interface ServiceVerdict {
  serviceId: string;
  verdict: Verdict;
  /** Mechanism of the channel that decided the service verdict. */
  mechanism?: Mechanism;
  channels: ChannelVerdict[];
}

/** Figures of one side (the service's media host, or the control) for reports and the UI. */
export interface ThroughputSide {
  url: string;
  /** Median sample rate, kB/s (1 kB = 1000 bytes); absent without samples. */
  kBps?: number;
  samples: number;
  downloads: number;
  /** Body bytes downloaded on this side (the burst included: what the audit cost). */
  bytes: number;
  /** Bytes the rate was judged on: those after the burst allowance (`burstBytes`). */
  judgedBytes?: number;
  /** Bytes skipped as a possible shaper burst before judging (0: none). */
  burstBytes?: number;
  /** Median time to first byte (response headers), ms. */
  ttfbMs?: number;
}

/** The throughput finding attached to a media channel's evidence. */
export interface ThroughputEvidence {
  outcome: 'throttled' | 'not-throttled' | 'inconclusive';
  /** Stable key: `below-control`, `comparable`, `fast-enough`, `too-small`, `few-samples`, `no-control`, `skipped`, `discovery-failed`. */
  reason: string;
  service: ThroughputSide;
  control?: ThroughputSide;
  /** How the media URL was found at run time (catalog `discover`), with its own evidence. */
  discovery?: MediaDiscovery;
  /** Service rate / control rate. */
  ratio?: number;
  /** Below this ratio the service is throttled. */
  fraction: number;
}

/** The call probe's finding, attached to the realtime channel's evidence. */
export interface CallEvidence {
  url: string;
  /** What was tried: STUN or TURN, host, port and transport, read from the catalog URL (absent in older reports). */
  server?: IceServer;
  verdict: Verdict;
  mechanism?: Mechanism;
  /** Stable key: `call-srflx`, `call-relay`, `call-server-answered`, `call-lookup-failed`, `call-silent`, `call-no-control`, `call-unsupported`. */
  reason: string;
  candidateTypes: string[];
  errors: { code: number; text: string }[];
  /** ms to the first proof the server answered. */
  answerMs?: number;
  detail: string;
}

/** A network-enforced restricted mode (YouTube Restricted Mode, Google SafeSearch); see `restricted-mode.ts`. */
export interface Restriction {
  service: 'youtube' | 'google-search';
  /** YouTube's two levels; SafeSearch has one. Undefined when the page does not say. */
  level?: 'strict' | 'moderate';
  /** How we know: the address the request went to, or what YouTube's own page reports. */
  via: 'dns' | 'header' | 'page';
  /** What was seen, in English, for the evidence (`resolved to 216.239.38.120`, a quoted sentence). */
  seen: string;
}
