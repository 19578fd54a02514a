import type { AuditNote, AuditRecord } from '../audit/types';
import type { Db, StoredObservation, StoredVerdict } from './db';
import type { Observation } from '../probe/types';
import type { ServiceVerdict } from '../verdict/types';
import { applyRetention, deleteAudit, type RetentionPolicy } from './retention';
import { scrubObservationUrls } from '../probe/evidence-url';
import { scrubServiceVerdict } from '../verdict/scrub-evidence';

/** Typed accessors; each write is its own transaction so a result lands the moment it is known. */
export function auditStore(db: Db) {
  return {
    putAudit: (audit: AuditRecord) => db.put('audits', audit),
    getAudit: (id: string) => db.get('audits', id),
    /** The newest audit, or the newest that `accept` takes (e.g. one the employee may see). */
    async latestAudit(accept: (audit: AuditRecord) => boolean = () => true): Promise<AuditRecord | undefined> {
      let cursor = await db.transaction('audits').store.index('byStartedAt').openCursor(null, 'prev');
      while (cursor && !accept(cursor.value)) cursor = await cursor.continue();
      return cursor?.value;
    },
    /** Uses the v2 `byStatus` index: every audit record carries a whole catalog, so never read them all for this. */
    runningAudits: (): Promise<AuditRecord[]> => db.getAllFromIndex('audits', 'byStatus', 'running'),
    /** Every audit, newest first. */
    async allAudits(): Promise<AuditRecord[]> {
      return (await db.getAllFromIndex('audits', 'byStartedAt')).reverse();
    },
    putObservation: (auditId: string, probeKey: string, observation: Observation) =>
      // Guard: nothing reaches the store with a query string, whoever made the observation (docs/privacy.md).
      db.put('observations', { auditId, probeKey, observation: scrubObservationUrls(observation) } satisfies StoredObservation),
    observations: (auditId: string) => db.getAllFromIndex('observations', 'byAudit', auditId),
    /** The probe keys stored for an audit, without reading the observations (a page polls this). */
    observationKeys: async (auditId: string) =>
      (await db.getAllKeys('observations', IDBKeyRange.bound([auditId], [auditId, []]))).map(([, probeKey]) => probeKey),
    putVerdict: (auditId: string, verdict: ServiceVerdict, landed: number = Date.now()) =>
      db.put('verdicts', { ...scrubServiceVerdict(verdict), auditId, landed } satisfies StoredVerdict),
    verdicts: (auditId: string) => db.getAllFromIndex('verdicts', 'byAudit', auditId),
    countVerdicts: (auditId: string) => db.countFromIndex('verdicts', 'byAudit', auditId),
    /** The user's note on an audit (a network label), or undefined. */
    getNote: (auditId: string) => db.get('notes', auditId),
    putNote: (note: AuditNote) => db.put('notes', note),
    deleteAudit: (auditId: string) => deleteAudit(db, auditId),
    /** Free an audit's observations (its verdicts stay): the last resort when the disk is full. */
    deleteObservations: (auditId: string) => db.delete('observations', IDBKeyRange.bound([auditId], [auditId, []])),
    /** Delete finished audits the policy no longer keeps; returns their ids. */
    applyRetention: (policy: RetentionPolicy, now?: number) => applyRetention(db, policy, now),
  };
}
export type AuditStore = ReturnType<typeof auditStore>;
