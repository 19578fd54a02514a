import type { Report } from '../report/types';
import type { QueuedReport, UploadDb, UploadMeta } from './db';

/** 200 reports ≈ 12 MB with the reference catalog: weeks of a daily schedule with the receiver down. */
export const DEFAULT_MAX_QUEUED = 200;
/** Sent ids remembered (for at-most-once), newest kept: far more than a queue's worth. */
export const MAX_SENT_IDS = 2000;

const EMPTY_META: UploadMeta = { key: 'state', dropped: 0, rejected: 0, sent: 0, failures: 0, nextAttemptAt: 0 };

/** Typed operations on the upload database; each is one transaction. */
export function uploadQueue(db: UploadDb, maxQueued = DEFAULT_MAX_QUEUED) {
  const meta = async () => (await db.get('meta', 'state')) ?? { ...EMPTY_META };
  return {
    meta,
    putMeta: (value: UploadMeta) => db.put('meta', value),
    /** Oldest first. */
    items: (): Promise<QueuedReport[]> => db.getAllFromIndex('queue', 'byEnqueuedAt'),
    count: () => db.count('queue'),
    /**
     * Queue a report unless its id is queued or was sent already. When the queue
     * is full the oldest reports are dropped (and counted): the newest say the
     * most about the network as it is now.
     */
    async enqueue(report: Report, now: number): Promise<'queued' | 'duplicate'> {
      const tx = db.transaction(['queue', 'sent', 'meta'], 'readwrite');
      const [queued, sent] = await Promise.all([tx.objectStore('queue').getKey(report.id), tx.objectStore('sent').getKey(report.id)]);
      if (queued !== undefined || sent !== undefined) {
        await tx.done;
        return 'duplicate';
      }
      await tx.objectStore('queue').put({ id: report.id, report, enqueuedAt: now, attempts: 0 });
      const overflow = (await tx.objectStore('queue').count()) - maxQueued;
      if (overflow > 0) {
        const oldest = await tx.objectStore('queue').index('byEnqueuedAt').getAllKeys(undefined, overflow);
        for (const key of oldest) await tx.objectStore('queue').delete(key);
        const state = (await tx.objectStore('meta').get('state')) ?? { ...EMPTY_META };
        await tx.objectStore('meta').put({ ...state, dropped: state.dropped + oldest.length });
      }
      await tx.done;
      return 'queued';
    },
    /** The receiver accepted it: out of the queue, id remembered, oldest remembered ids trimmed. */
    async markSent(id: string, now: number): Promise<void> {
      const tx = db.transaction(['queue', 'sent'], 'readwrite');
      await tx.objectStore('queue').delete(id);
      await tx.objectStore('sent').put({ id, sentAt: now });
      const extra = (await tx.objectStore('sent').count()) - MAX_SENT_IDS;
      if (extra > 0) for (const key of await tx.objectStore('sent').index('bySentAt').getAllKeys(undefined, extra)) await tx.objectStore('sent').delete(key);
      await tx.done;
    },
    /** Drop one report for good (the receiver refused its content: retrying cannot help). */
    remove: (id: string) => db.delete('queue', id),
    async noteAttempt(id: string, error?: string): Promise<void> {
      const item = await db.get('queue', id);
      if (item) await db.put('queue', { ...item, attempts: item.attempts + 1, ...(error ? { lastError: error } : {}) });
    },
    wasSent: async (id: string) => (await db.getKey('sent', id)) !== undefined,
    addPending: (auditId: string, startedAt: number) => db.put('pending', { auditId, startedAt }),
    pending: () => db.getAll('pending'),
    removePending: (auditId: string) => db.delete('pending', auditId),
  };
}
export type UploadQueue = ReturnType<typeof uploadQueue>;
