import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Report } from '../report/types';

/** Its own database, so the upload queue never collides with the audit store's schema versions. */
export const UPLOAD_DB_NAME = 'access-gap-uploads';
/** Bump with a new entry in `UPLOAD_MIGRATIONS`, never by editing an old one. */
export const UPLOAD_DB_VERSION = 1;

/** A report waiting for the receiver. */
export interface QueuedReport {
  /** The report id: the idempotency key. */
  id: string;
  report: Report;
  enqueuedAt: number;
  attempts: number;
  lastError?: string;
}

/** A report the receiver accepted: remembered so the same id is never queued again. */
export interface SentReport {
  id: string;
  sentAt: number;
}

/** A scheduled audit whose report is to be queued once it finishes (survives a stopped service worker). */
export interface PendingAudit {
  auditId: string;
  startedAt: number;
}

/** Queue-wide counters and the backoff state (the receiver is one endpoint: up or down for all). */
export interface UploadMeta {
  key: 'state';
  dropped: number;
  rejected: number;
  sent: number;
  failures: number;
  nextAttemptAt: number;
  lastError?: string;
  lastSuccessAt?: number;
}

export interface UploadDB extends DBSchema {
  queue: { key: string; value: QueuedReport; indexes: { byEnqueuedAt: number } };
  sent: { key: string; value: SentReport; indexes: { bySentAt: number } };
  pending: { key: string; value: PendingAudit };
  meta: { key: string; value: UploadMeta };
}

export type UploadDb = IDBPDatabase<UploadDB>;

/** Ordered migrations: entry N-1 brings the database from version N-1 to N. */
export const UPLOAD_MIGRATIONS: ((db: UploadDb) => void)[] = [
  // v1: the queue (oldest first by index), sent ids, pending scheduled audits, counters.
  (db) => {
    db.createObjectStore('queue', { keyPath: 'id' }).createIndex('byEnqueuedAt', 'enqueuedAt');
    db.createObjectStore('sent', { keyPath: 'id' }).createIndex('bySentAt', 'sentAt');
    db.createObjectStore('pending', { keyPath: 'auditId' });
    db.createObjectStore('meta', { keyPath: 'key' });
  },
];

/** Open (create or upgrade) the upload database. */
export function openUploadDb(name = UPLOAD_DB_NAME, version = UPLOAD_DB_VERSION): Promise<UploadDb> {
  return openDB<UploadDB>(name, version, {
    upgrade(db, oldVersion, newVersion) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) UPLOAD_MIGRATIONS[v]!(db);
    },
  }).then((db) => {
    // An extension update wants to upgrade: let it, this connection is obsolete.
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}
