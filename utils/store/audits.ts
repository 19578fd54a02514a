import type { Db, AuditRecord, StoredObservation, StoredVerdict } from './db';
import type { Observation } from '../probe/types';
import type { ServiceVerdict } from '../verdict/types';

/** Typed accessors; each write is its own transaction so a result lands the moment it is known. */
export function auditStore(db: Db) {
  return {
    putAudit: (audit: AuditRecord) => db.put('audits', audit),
    getAudit: (id: string) => db.get('audits', id),
    async latestAudit(): Promise<AuditRecord | undefined> {
      const cursor = await db.transaction('audits').store.index('byStartedAt').openCursor(null, 'prev');
      return cursor?.value;
    },
    async runningAudits(): Promise<AuditRecord[]> {
      return (await db.getAll('audits')).filter((a) => a.status === 'running');
    },
    putObservation: (auditId: string, probeKey: string, observation: Observation) =>
      db.put('observations', { auditId, probeKey, observation } satisfies StoredObservation),
    observations: (auditId: string) => db.getAllFromIndex('observations', 'byAudit', auditId),
    putVerdict: (auditId: string, verdict: ServiceVerdict) =>
      db.put('verdicts', { ...verdict, auditId } satisfies StoredVerdict),
    verdicts: (auditId: string) => db.getAllFromIndex('verdicts', 'byAudit', auditId),
    countVerdicts: (auditId: string) => db.countFromIndex('verdicts', 'byAudit', auditId),
  };
}
export type AuditStore = ReturnType<typeof auditStore>;
