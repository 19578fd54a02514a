import type { Catalog } from '../utils/catalog/schema';
import type { Channel } from '../utils/catalog/types';
import type { Mechanism, Verdict } from '../utils/verdict/types';

/** Corporate filter products whose block pages the lab can imitate. */
// `unknown-fr`: a French page from a product we hold no fingerprint for (only the generic rule can tell).
// `squidguard`: squidGuard's redirect carrying the employee's address, machine and user name (squidguard.ts).
export const BLOCK_PAGE_VENDORS = ['zscaler', 'fortinet', 'paloalto', 'squid', 'generic-fr', 'unknown-fr', 'squidguard'] as const;
export type BlockPageVendor = (typeof BLOCK_PAGE_VENDORS)[number];

/**
 * What the simulated network does to one host, written as a string in scenario files.
 * `throttle:<bytes per second>[:<burst bytes>]`, `blockpage:<vendor>` and `redirect-blockpage:<vendor>` carry a parameter
 * (a burst is a token bucket that starts full: that many bytes at full speed, then the rate).
 */
export type TreatmentName =
  | 'ok'
  | 'dns'
  | 'tcp-refused'
  | 'tcp-reset'
  | 'silent'
  | 'tls-wrong-cert'
  | 'tls-plain'
  | 'proxy-deny'
  | 'proxy-ok'
  | 'proxy-redirect'
  | `throttle:${number}`
  | `throttle:${number}:${number}`
  | 'policy'
  | `blockpage:${BlockPageVendor}`
  | `redirect-blockpage:${BlockPageVendor}`
  | 'service-403'
  | 'login-redirect'
  | 'extension'
  // Names the network's DNS answers with Google's restrict address, served there (lab/restrict-vip.ts,
  // docs/restricted-modes.md): YouTube's (Restricted Mode, Strict) and Google Search's (SafeSearch).
  | 'youtube-restricted-dns'
  | 'safesearch-dns'
  // YouTube reached through a TLS-inspecting gateway that adds `YouTube-Restrict: Strict|Moderate` (lab/inspecting-proxy.ts).
  | `youtube-restrict-header:${'strict' | 'moderate'}`
  // Real-network cases (docs/verdicts-on-real-networks.md):
  | 'proxy-auth'
  | 'sinkhole-zero'
  | 'sinkhole-blockpage'
  | 'split-horizon'
  | 'gone'
  | 'redirect-loop'
  | 'redirect-reset'
  // Lab-owned hosts, never named in scenarios: the public resolvers' stand-in and a sign-in portal.
  | 'doh'
  | 'portal';

/** A treatment after parsing: the parameter is split out. */
export type Treatment =
  | { kind: Exclude<TreatmentName, `throttle:${number}` | `blockpage:${string}` | `redirect-blockpage:${string}` | `youtube-restrict-header:${string}`> }
  | { kind: 'youtube-restrict-header'; level: 'Strict' | 'Moderate' }
  | { kind: 'throttle'; bytesPerSecond: number; burstBytes?: number }
  | { kind: 'blockpage' | 'redirect-blockpage'; vendor: BlockPageVendor };

/** What a scenario expects the product to conclude, so tests and the demo can check it. */
export interface Expectation {
  verdict: Verdict;
  mechanism?: Mechanism;
}

/**
 * What the call lab does to a service's call relay (lab/call-lab.ts): `ok` answers, `silent`
 * is a firewall rule DROPping the relay's UDP — the corporate firewall that bans calls.
 */
export const CALL_TREATMENTS = ['ok', 'silent'] as const;
export type CallTreatment = (typeof CALL_TREATMENTS)[number];

/**
 * One service in a scenario: treatments per channel (`all` = every channel not listed).
 * `call` acts on the service's call relay only (a STUN/TURN server is a host of its own;
 * `all` never reaches it), and only when the call lab runs (`startLab({ calls: true })`).
 */
export interface ScenarioService {
  treatments: Partial<Record<Channel | 'all', TreatmentName>> & { call?: CallTreatment };
  expect: Expectation & { channels?: Partial<Record<Channel, Expectation>> };
  /**
   * What to expect when the call lab is not running (no root, no network namespaces, or a lab
   * started without `calls`): the call is then probed at the catalog's own server, which the
   * lab cannot route, so it comes out inconclusive. Required with a `call` treatment.
   */
  expectWithoutCallLab?: Expectation & { channels?: Partial<Record<Channel, Expectation>> };
  /** Why this entry exists, for people reading the scenario. */
  note?: string;
}

/** A simulated network. Services not listed are served normally. */
export interface Scenario {
  description?: string;
  /** Every host, control included, fails DNS: the product must answer `inconclusive`. */
  networkDown?: boolean;
  /**
   * The whole network wants a sign-in first: `guest-wifi` — every request, control included, is
   * redirected to a portal's login page (`SIGN_IN_PORTAL_HOST`); `proxy-auth` — every request goes
   * through squid, which answers 407. Unlisted services are then expected `inconclusive`.
   */
  signIn?: 'guest-wifi' | 'proxy-auth';
  services: Record<string, ScenarioService>;
}

/** One request (or bare connection) that reached a lab server or squid. */
export interface LabRequest {
  /** Epoch ms. */
  time: number;
  /** Which lab server saw it, e.g. `https`, `http`, `proxied-https`, `tcp-reset`, `squid`, `stray`. */
  server: string;
  /** HTTP method, `CONNECT` for squid tunnels, `TCP`/`TLS` for connections that never spoke HTTP. */
  method: string;
  host: string;
  path: string;
  /** Lower-cased request headers as received (cookie included when one was sent). */
  headers: Record<string, string>;
  /** HTTP status the lab answered (squid: from its access log). */
  status?: number;
}

export interface LabOptions {
  catalog: Catalog;
  /** Connectivity-control URLs (normally `CONTROL_URLS`); served normally unless the network is down. */
  controlUrls: readonly string[];
  /** A scenario object or a path to a scenario JSON file. */
  scenario: Scenario | string;
  /**
   * Hosts outside catalog + control: `record` (default) maps them to the lab, which answers 404 and
   * records them as `stray`, so tests can prove nothing else was requested; `nxdomain` fails their DNS.
   */
  strays?: 'record' | 'nxdomain';
  /** How long an accepted WebSocket stays open before the lab closes it (default 3000 ms). */
  wsHoldMs?: number;
  /** Body size of every answer from a throttled host, so throughput can be measured (default 256 KiB). */
  throttledBodyBytes?: number;
  /**
   * Size of every media answer (`.png`, `.jpg`…) of unthrottled hosts (default: a 1×1 image), so
   * throughput can be measured on them too — the control group of the throttling tests.
   */
  mediaBodyBytes?: number;
  /** Real Chromium binary (default `/usr/lib/chromium/chromium`). */
  chromiumPath?: string;
  /** Extra managed policies merged into the Chromium policy file (forces the policy wrapper). */
  policies?: Record<string, unknown>;
  /**
   * Serve every catalog call endpoint from its own relay in the call lab (lab/call-lab.ts), as the
   * scenario's `call` treatments say. Needs root and network namespaces; when the call lab cannot
   * start, the lab runs without it and `Lab.calls` says why.
   */
  calls?: boolean;
}

/** One catalog call endpoint and the lab relay that stands in for it. */
export interface CallRelay {
  serviceId: string;
  /** The catalog's own server (`stun:stun.l.google.com:19302`). */
  catalogUrl: string;
  /** The relay's URL: same scheme and transport, an IP literal in the call lab's namespace. */
  url: string;
  treatment: CallTreatment;
}

/** Whether call treatments are in force: the relays, or why there are none. */
export type CallLabStatus = { running: true; relays: CallRelay[] } | { running: false; reason: string };

/** A delay pool's per-client buckets as squid's cache manager reports them (`mgr:delay`). */
export interface DelayBuckets {
  pool: number;
  /** Bucket size and refill rate, bytes and bytes/s. */
  max: number;
  restore: number;
  /** Current level of each client's bucket, bytes; empty before any client used the pool. */
  levels: number[];
}

export interface Lab {
  /** Flags to pass to Chromium: resolver rules, SPKI trust, PAC. */
  chromiumArgs: string[];
  /** The Chromium binary, or the policy wrapper script when a policy is in force. */
  executablePath: string;
  /** Unpacked extensions the scenario needs next to the product (the `extension` treatment). */
  extensionDirs: string[];
  /** Every request any lab server or squid received, in arrival order (squid entries lag ~200 ms). */
  requests: LabRequest[];
  /** Host → parsed treatment actually in force (catalog, control and block-page hosts). */
  hosts: Map<string, Treatment>;
  /**
   * The scenario in force (parsed). Without the call lab, services with a `call` treatment
   * carry their `expectWithoutCallLab` as `expect`: their call treatment is not in force.
   */
  scenario: Scenario;
  /** The catalog to audit: the one given, with call endpoints pointing at the lab's relays when they run. */
  catalog: Catalog;
  /** The call lab's relays, or why the calls are not served (not asked for, or it could not start). */
  calls: CallLabStatus;
  /** The shapers' per-client buckets (burst allowances), read from squid's cache manager; empty without one. */
  shaperBuckets(): Promise<DelayBuckets[]>;
  /**
   * Resolves once every shaper's bucket is full again (a bucket refills at its rate while its host
   * is idle), with the levels read; throws after `deadlineMs`. Repeated burst runs start from here.
   */
  waitForFullShapers(deadlineMs?: number): Promise<DelayBuckets[]>;
  /** Lines of squid's access log so far (empty when no host is proxied). */
  squidLog(): Promise<string[]>;
  /** Stops every process and server, removes temp dirs. Idempotent. */
  stop(): Promise<void>;
}
