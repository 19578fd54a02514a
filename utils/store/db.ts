import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Catalog } from '../catalog/types';
import type { ControlResult, Observation } from '../probe/types';
import type { ServiceVerdict } from '../verdict/types';
import { StorageError, toStorageError } from './errors';

export const DB_NAME = 'access-gap';
/** Bump with a new entry in `MIGRATIONS`, never by editing an old one. */
export const DB_VERSION = 2;

export interface AuditOptions {
  timeoutMs: number;
  concurrency: number;
}

export interface AuditRecord {
  id: string;
  status: 'running' | 'complete' | 'failed';
  trigger: 'user' | 'cli' | 'schedule';
  startedAt: number;
  finishedAt?: number;
  /** The catalog as it was when the audit started, so a resumed audit probes the same list. */
  catalog: Catalog;
  catalogHash: string;
  options: AuditOptions;
  control?: ControlResult;
  error?: string;
  /** Times a new service worker resumed this audit (capped: see `MAX_RESUMES`). */
  resumes?: number;
}

/** One probe's observation; `probeKey` is `service:channel:kind`. */
export interface StoredObservation {
  auditId: string;
  probeKey: string;
  observation: Observation;
}

export interface StoredVerdict extends ServiceVerdict {
  auditId: string;
}

/**
 * v2: what the user says about an audit, kept apart from the runner's record so
 * the runner never overwrites it. Only a network label ("Paris office, guest
 * Wi-Fi"), typed by the user on purpose: nothing about the user themself.
 */
export interface AuditNote {
  auditId: string;
  networkLabel: string;
}

export interface AccessGapDB extends DBSchema {
  audits: { key: string; value: AuditRecord; indexes: { byStartedAt: number; byStatus: string } };
  observations: { key: [string, string]; value: StoredObservation; indexes: { byAudit: string } };
  verdicts: { key: [string, string]; value: StoredVerdict; indexes: { byAudit: string } };
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
  for (let v = oldVersion; v < newVersion; v++) MIGRATIONS[v]!(db, tx);
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
