import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { AuditNote, AuditRecord } from '../audit/types';
import type { Observation } from '../probe/types';
import type { ServiceVerdict } from '../verdict/types';
import { StorageError, toStorageError } from './errors';

export const DB_NAME = 'access-gap';
/** Bump with a new entry in `MIGRATIONS`, never by editing an old one. */
export const DB_VERSION = 2;

/** One probe's observation; `probeKey` is `service:channel:kind`. */
export interface StoredObservation {
  auditId: string;
  probeKey: string;
  observation: Observation;
}

export interface StoredVerdict extends ServiceVerdict {
  auditId: string;
  /** When it was stored (ms): a live page shows the last verdicts that landed. Absent before 2026-12. */
  landed?: number;
}

export interface AccessGapDB extends DBSchema {
  audits: { key: string; value: AuditRecord; indexes: { byStartedAt: number; byStatus: string } };
  observations: { key: [string, string]; value: StoredObservation; indexes: { byAudit: string } };
  verdicts: { key: [string, string]; value: StoredVerdict; indexes: { byAudit: string } };
  /** v2: the user's note per audit (see `AuditNote`). */
  notes: { key: string; value: AuditNote };
}

export type Db = IDBPDatabase<AccessGapDB>;
type UpgradeTx = IDBPTransaction<AccessGapDB, StoreNames<AccessGapDB>[], 'versionchange'>;

/**
 * Ordered migrations: entry N-1 brings the database from version N-1 to N.
 * Exported so the upgrade test can build a real v1 database first.
 */
export const MIGRATIONS: ((db: Db, tx: UpgradeTx) => void)[] = [
  // v1: audits, their observations and their service verdicts.
  (db) => {
    const audits = db.createObjectStore('audits', { keyPath: 'id' });
    audits.createIndex('byStartedAt', 'startedAt');
    const observations = db.createObjectStore('observations', { keyPath: ['auditId', 'probeKey'] });
    observations.createIndex('byAudit', 'auditId');
    const verdicts = db.createObjectStore('verdicts', { keyPath: ['auditId', 'serviceId'] });
    verdicts.createIndex('byAudit', 'auditId');
  },
  // v2: find running audits without reading every audit (each holds a whole catalog);
  // user notes per audit. Existing audits are indexed by IndexedDB itself.
  (db, tx) => {
    tx.objectStore('audits').createIndex('byStatus', 'status');
    db.createObjectStore('notes', { keyPath: 'auditId' });
  },
];

/** Apply every migration between `oldVersion` and `newVersion`, in order, in the upgrade transaction. */
export function migrate(db: Db, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion; v < newVersion; v++) {
    const step = MIGRATIONS[v];
    // A version this code has no migration for: refuse loudly rather than open a half-built database.
    if (!step) throw new Error(`no migration to database version ${v + 1}`);
    step(db, tx);
  }
}

/**
 * Open (and create or upgrade) the database. Failures are turned into a
 * `StorageError` whose kind the UI explains (quota, blocked upgrade, private
 * mode…), never swallowed.
 */
export function openAccessGapDb(name = DB_NAME, version = DB_VERSION): Promise<Db> {
  return new Promise<Db>((resolve, reject) => {
    let settled = false;
    openDB<AccessGapDB>(name, version, {
      upgrade: (db, oldVersion, newVersion, tx) => migrate(db, oldVersion, newVersion ?? version, tx),
      // Another page still holds an older version open: say so instead of hanging forever.
      blocked: () => {
        settled = true;
        reject(new StorageError('blocked', 'an older Access Gap page keeps the database open'));
      },
    }).then(
      (db) => {
        // A newer version wants to upgrade (extension update): let it, this connection is obsolete.
        db.addEventListener('versionchange', () => db.close());
        if (settled) db.close();
        else resolve(db);
      },
      (error: unknown) => reject(toStorageError(error)),
    );
  });
}
