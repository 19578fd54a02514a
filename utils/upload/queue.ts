import type { Report } from '../report/types';
import type { DeadLetter, DeliveredUpload, QueuedReport, UploadDb, UploadMeta } from './db';

/** 200 reports ≈ 12 MB with the reference catalog: weeks of a daily schedule with the receiver down. */
export const DEFAULT_MAX_QUEUED = 200;
/** Sent ids remembered (for at-most-once), newest kept: far more than a queue's worth. */
export const MAX_SENT_IDS = 2000;
/** Refused reports kept for the employee; beyond, the oldest is dropped and counted. */
export const MAX_DEAD_LETTERS = 50;
/** Uploads kept exactly as sent for the transparency view. */
export const MAX_DELIVERED = 10;

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
      const tx = db.transaction(['queue', 'sent', 'dead', 'meta'], 'readwrite');
      const keys = await Promise.all([tx.objectStore('queue').getKey(report.id), tx.objectStore('sent').getKey(report.id), tx.objectStore('dead').getKey(report.id)]);
      if (keys.some((key) => key !== undefined)) {
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
    /** The receiver acknowledged it: out of the queue, id remembered, the body kept for the transparency view. */
    async markSent(delivered: DeliveredUpload): Promise<void> {
      const tx = db.transaction(['queue', 'sent', 'delivered'], 'readwrite');
      await tx.objectStore('queue').delete(delivered.id);
      await tx.objectStore('sent').put({ id: delivered.id, sentAt: delivered.sentAt });
      await tx.objectStore('delivered').put(delivered);
      const extra = (await tx.objectStore('sent').count()) - MAX_SENT_IDS;
      if (extra > 0) for (const key of await tx.objectStore('sent').index('bySentAt').getAllKeys(undefined, extra)) await tx.objectStore('sent').delete(key);
      const extraBodies = (await tx.objectStore('delivered').count()) - MAX_DELIVERED;
      if (extraBodies > 0) for (const key of await tx.objectStore('delivered').index('bySentAt').getAllKeys(undefined, extraBodies)) await tx.objectStore('delivered').delete(key);
      await tx.done;
    },
    /** The receiver refused it for good: out of the queue, into the dead letters (the oldest beyond the bound dropped and counted). */
    async markDead(letter: DeadLetter): Promise<void> {
      const tx = db.transaction(['queue', 'dead', 'meta'], 'readwrite');
      await tx.objectStore('queue').delete(letter.id);
      await tx.objectStore('dead').put(letter);
      const extra = (await tx.objectStore('dead').count()) - MAX_DEAD_LETTERS;
      if (extra > 0) {
        const oldest = await tx.objectStore('dead').index('byAt').getAllKeys(undefined, extra);
        for (const key of oldest) await tx.objectStore('dead').delete(key);
        const state = (await tx.objectStore('meta').get('state')) ?? { ...EMPTY_META };
        await tx.objectStore('meta').put({ ...state, dropped: state.dropped + oldest.length });
      }
      await tx.done;
    },
    /** Refused reports, oldest first. */
    deadLetters: (): Promise<DeadLetter[]> => db.getAllFromIndex('dead', 'byAt'),
    deadLetter: (id: string) => db.get('dead', id),
    /** The employee removes a refused report (after exporting it, or not). */
    removeDeadLetter: (id: string) => db.delete('dead', id),
    /** The last uploads exactly as sent, newest first. */
    delivered: async (): Promise<DeliveredUpload[]> => (await db.getAllFromIndex('delivered', 'bySentAt')).reverse(),
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
