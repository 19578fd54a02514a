import type { Channel } from '../catalog/types';
import type { Observation } from '../probe/types';
import type { ThroughputEvidence } from './throughput';
import type { CallEvidence } from './webrtc-call';
import type { Restriction } from './restricted-mode';

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
  redirects?: Observation['redirects'];
  fingerprint?: FingerprintMatch;
  /** Firefox only: TLS inspection by certificate owner (`inspected` + the root's name). */
  tls?: Observation['tls'];
  timings: Observation['timings'];
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
