import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Report } from '../report/types';

/** Its own database, so the upload queue never collides with the audit store's schema versions. */
export const UPLOAD_DB_NAME = 'access-gap-uploads';
/** Bump with a new entry in `UPLOAD_MIGRATIONS`, never by editing an old one. */
export const UPLOAD_DB_VERSION = 2;

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

/**
 * A report the receiver refused for good (HTTP 400, 413, 422): kept with the receiver's
 * reason until the employee exports or removes it, never silently dropped.
 */
export interface DeadLetter {
  id: string;
  report: Report;
  /** HTTP status of the refusal. */
  status: number;
  /** The receiver's reason (`{"error": …}` of its answer), or the status line. */
  reason: string;
  /** Where it was sent (scheme, host and path). */
  url: string;
  at: number;
}

/** One delivered upload exactly as sent, for "What my organisation receives" (the newest few are kept). */
export interface DeliveredUpload {
  id: string;
  sentAt: number;
  /** Where it was sent (scheme, host and path: never the Authorization header). */
  url: string;
  /** The request body, byte for byte. */
  body: string;
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
  dead: { key: string; value: DeadLetter; indexes: { byAt: number } };
  delivered: { key: string; value: DeliveredUpload; indexes: { bySentAt: number } };
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
  // v2: reports the receiver refused (dead letters), and the last uploads exactly as sent.
  (db) => {
    db.createObjectStore('dead', { keyPath: 'id' }).createIndex('byAt', 'at');
    db.createObjectStore('delivered', { keyPath: 'id' }).createIndex('bySentAt', 'sentAt');
  },
];

/** Open (create or upgrade) the upload database. */
export function openUploadDb(name = UPLOAD_DB_NAME, version = UPLOAD_DB_VERSION): Promise<UploadDb> {
  return openDB<UploadDB>(name, version, {
    upgrade(db, oldVersion, newVersion) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const step = UPLOAD_MIGRATIONS[v];
        if (!step) throw new Error(`no migration to upload database version ${v + 1}`);
        step(db);
      }
    },
  }).then((db) => {
    // An extension update wants to upgrade: let it, this connection is obsolete.
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}
