import type { UsageFigure } from '../catalog/types';
import type { AuditOptions, AuditRecord } from '../audit/types';
import type { ChannelVerdict, Mechanism, Verdict } from '../verdict/types';
import type { GapScore } from '../gap';
import type { TlsInspectionCheck } from '../verdict/tls-inspection';

export const REPORT_SCHEMA = 'access-gap-report';
export const REPORT_SCHEMA_VERSION = 1;

/**
 * The report an audit produces — the same JSON from the extension's export and
 * the CLI. It holds no personal data: no IP, no user name, no browsing, only
 * what was probed, what happened, and the browser's product name and version.
 */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** Random id of the audit; also the idempotency key when reports are uploaded. */
  id: string;
  status: AuditRecord['status'];
  trigger: AuditRecord['trigger'];
  startedAt: string;
  finishedAt?: string;
  tool: { name: 'Access Gap'; version: string };
  browser: { name: string; version: string };
  /**
   * Whether this browser could check TLS inspection by certificate owner (Firefox: `available`;
   * Chrome exposes no certificates: `unavailable`, which the UI must show as "not checked", never
   * as "not inspected"). Per channel, `evidence.tls` holds the result. Absent in older reports.
   */
  tlsInspection?: TlsInspectionCheck;
  catalog: { name: string; version: string; hash: string; services: number };
  /** Fleet fields, set only when IT configures them by policy (managed storage): the site label and organisation IT chose, and a random id generated once per install (no personal data). */
  site?: string;
  organisation?: string;
  installId?: string;
  options: AuditOptions;
  /**
   * The connectivity control. `signIn`: the network answered the control hosts in their place (a
   * sign-in portal, or a proxy asking for credentials) — every network verdict is inconclusive and
   * `gap` is left empty, because a score of such a run would be meaningless.
   */
  control: { ok: boolean; reason?: string; signIn?: { portalHost?: string; proxy?: boolean }; checks: ControlCheck[] };
  services: ReportService[];
  /** Gap score for each population the catalog has figures for; empty for a sign-in-required run. */
  gap: GapScore[];
}

export interface ControlCheck {
  url: string;
  status?: number;
  netError?: string;
  timedOut?: boolean;
  ms: number;
}

export interface ReportService {
  id: string;
  name: string;
  category: string;
  usage: UsageFigure[];
  verdict: Verdict;
  mechanism?: Mechanism;
  channels: ChannelVerdict[];
}
