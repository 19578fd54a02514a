import type { AuditRecord } from '../audit/types';
import type { Db } from './db';

/** How much history to keep. 0 means "no limit" for either field. */
export interface RetentionPolicy {
  /** Keep at most this many finished audits. */
  maxAudits: number;
  /** Delete finished audits older than this many days. */
  maxDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Which audits a policy removes. A running audit is never removed (it would
 * vanish under the popup watching it) and does not count towards `maxAudits`.
 */
export function auditsToDelete(
  audits: Pick<AuditRecord, 'id' | 'status' | 'startedAt'>[],
  policy: RetentionPolicy,
  now: number = Date.now(),
): string[] {
  const finished = audits.filter((a) => a.status !== 'running').sort((a, b) => b.startedAt - a.startedAt);
  const cutoff = policy.maxDays > 0 ? now - policy.maxDays * DAY_MS : -Infinity;
  return finished
    .filter((a, index) => (policy.maxAudits > 0 && index >= policy.maxAudits) || a.startedAt < cutoff)
    .map((a) => a.id);
}

/** Delete one audit with its observations, verdicts and note, in one transaction (all or nothing). */
export async function deleteAudit(db: Db, auditId: string): Promise<void> {
  const tx = db.transaction(['audits', 'observations', 'verdicts', 'notes'], 'readwrite');
  // Compound keys [auditId, x]: an array sorts after every string, so [id, []] bounds them all.
  const range = IDBKeyRange.bound([auditId], [auditId, []]);
  await Promise.all([
    tx.objectStore('audits').delete(auditId),
    tx.objectStore('observations').delete(range),
    tx.objectStore('verdicts').delete(range),
    tx.objectStore('notes').delete(auditId),
    tx.done,
  ]);
}

/** Apply a retention policy; returns the ids it deleted. */
export async function applyRetention(db: Db, policy: RetentionPolicy, now: number = Date.now()): Promise<string[]> {
  // Retention runs once per audit, over at most a few hundred records: reading them all is fine.
  const audits = await db.getAll('audits');
  const ids = auditsToDelete(audits, policy, now);
  for (const id of ids) await deleteAudit(db, id);
  return ids;
}
