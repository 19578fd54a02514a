import type { AuditRecord } from '../store/db';
import type { AuditStore } from '../store/audits';
import type { ServiceVerdict } from '../verdict/types';
import { probedServices } from './plan';

/** What a page shows of an audit: enough for live progress and the results table. */
export interface AuditState {
  id: string;
  status: AuditRecord['status'];
  trigger: AuditRecord['trigger'];
  startedAt: number;
  finishedAt?: number;
  catalogName: string;
  catalogVersion: string;
  catalogHash: string;
  /** Services classified so far, and how many the audit probes. */
  done: number;
  total: number;
  control?: AuditRecord['control'];
  verdicts: ServiceVerdict[];
  error?: string;
}

/** The fields every view of an audit starts with (live state, history summary). */
export function auditHeader(audit: AuditRecord) {
  return {
    id: audit.id,
    status: audit.status,
    trigger: audit.trigger,
    startedAt: audit.startedAt,
    ...(audit.finishedAt !== undefined ? { finishedAt: audit.finishedAt } : {}),
    catalogName: audit.catalog.name,
    total: probedServices(audit.catalog).length,
  };
}

/** Read an audit's state from the store (latest audit when no id is given). */
export async function readAuditState(store: AuditStore, auditId?: string): Promise<AuditState | null> {
  const audit = auditId ? await store.getAudit(auditId) : await store.latestAudit();
  if (!audit) return null;
  const verdicts = (await store.verdicts(audit.id)).map(({ auditId: _, ...v }) => v);
  return {
    ...auditHeader(audit),
    catalogVersion: audit.catalog.version,
    catalogHash: audit.catalogHash,
    done: verdicts.length,
    ...(audit.control ? { control: audit.control } : {}),
    verdicts,
    ...(audit.error ? { error: audit.error } : {}),
  };
}
