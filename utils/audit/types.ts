import type { Catalog } from '../catalog/types';
import type { ControlResult } from '../probe/types';

/** How an audit runs: per-probe timeout and how many probes are in flight. Defaults in `settings.ts`. */
export interface AuditOptions {
  timeoutMs: number;
  concurrency: number;
}

/** Which optional probes the running browser has (see `ProbeFns`). */
export interface ProbeCapabilities {
  throughput: boolean;
  calls: boolean;
}

/** One audit as the runner keeps it: what it probes, with which options, and how far it got. */
export interface AuditRecord {
  id: string;
  status: 'running' | 'complete' | 'failed';
  trigger: 'user' | 'cli' | 'schedule';
  startedAt: number;
  finishedAt?: number;
  /** The catalog as it was when the audit started, so a resumed audit probes the same list. */
  catalog: Catalog;
  catalogHash: string;
  options: AuditOptions;
  control?: ControlResult;
  error?: string;
  /**
   * Which optional probes the browser running the audit has, so a page can tell how many
   * checks each service still waits for (absent on audits stored before it was kept).
   */
  capabilities?: ProbeCapabilities;
  /** Times a new service worker resumed this audit (capped: see `MAX_RESUMES`). */
  resumes?: number;
}

/**
 * What the user says about an audit, kept apart from the runner's record so
 * the runner never overwrites it. Only a network label ("Paris office, guest
 * Wi-Fi"), typed by the user on purpose: nothing about the user themself.
 */
export interface AuditNote {
  auditId: string;
  networkLabel: string;
}
