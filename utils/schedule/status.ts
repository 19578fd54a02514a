import type { DeadLetter, DeliveredUpload, UploadMeta } from '../upload/db';
import type { EffectiveSchedule } from './plan';
import type { ScheduleState } from './scheduler';

/**
 * What the extension's pages may know about the fleet setup. Never the
 * Authorization header: pages only learn whether one is set.
 */
export interface FleetStatus {
  managed: boolean;
  organisation?: string;
  site?: string;
  /** Policy fields that were ignored, with the reason. */
  issues: string[];
  employeeCanSeeAudits: boolean;
  employeeCanDisableSchedule: boolean;
  schedule: EffectiveSchedule & { nextRunAt?: number; runs: number; skipped: number; lastRunAt?: number; lastCatalogError?: string };
  upload: {
    configured: boolean;
    url?: string;
    withAuthorization: boolean;
    queued: number;
    pending: number;
    /** Reports the receiver refused for good, with its reason (the report itself is exported on request). */
    deadLetters: Omit<DeadLetter, 'report'>[];
    /** "What my organisation receives": the last uploads exactly as sent, newest first. */
    delivered: DeliveredUpload[];
  } & Omit<UploadMeta, 'key'>;
}

/** Assemble the status from its parts (pure, so the page's view of it is tested without a browser). */
export function fleetStatus(parts: {
  config: import('../managed/schema').ManagedConfig;
  effective: EffectiveSchedule;
  state: ScheduleState;
  nextRunAt?: number;
  meta: UploadMeta;
  queued: number;
  pending: number;
  deadLetters?: DeadLetter[];
  delivered?: DeliveredUpload[];
}): FleetStatus {
  const { config, effective, state, meta } = parts;
  const { key: _, ...counters } = meta;
  return {
    managed: config.managed,
    ...(config.organisation ? { organisation: config.organisation } : {}),
    ...(config.site ? { site: config.site } : {}),
    issues: config.issues,
    employeeCanSeeAudits: config.employeeCanSeeAudits ?? true,
    employeeCanDisableSchedule: config.employeeCanDisableSchedule ?? false,
    schedule: {
      ...effective,
      runs: state.runs,
      skipped: state.skipped,
      ...(parts.nextRunAt && effective.enabled ? { nextRunAt: parts.nextRunAt } : {}),
      ...(state.lastRunAt ? { lastRunAt: state.lastRunAt } : {}),
      ...(state.lastCatalogError ? { lastCatalogError: state.lastCatalogError } : {}),
    },
    upload: {
      configured: Boolean(config.uploadUrl),
      ...(config.uploadUrl ? { url: config.uploadUrl } : {}),
      withAuthorization: Boolean(config.uploadAuthorization),
      queued: parts.queued,
      pending: parts.pending,
      deadLetters: (parts.deadLetters ?? []).map(({ report: _, ...letter }) => letter),
      delivered: parts.delivered ?? [],
      ...counters,
    },
  };
}
