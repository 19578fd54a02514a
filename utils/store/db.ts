import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Catalog } from '../catalog/types';
import type { ControlResult, Observation } from '../probe/types';
import type { ServiceVerdict } from '../verdict/types';

export const DB_NAME = 'access-gap';
/** Bump with a new `if (oldVersion < N)` block in `upgrade`, never by editing an old one. */
export const DB_VERSION = 1;

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

export interface AccessGapDB extends DBSchema {
  audits: { key: string; value: AuditRecord; indexes: { byStartedAt: number } };
  observations: { key: [string, string]; value: StoredObservation; indexes: { byAudit: string } };
  verdicts: { key: [string, string]; value: StoredVerdict; indexes: { byAudit: string } };
}

export type Db = IDBPDatabase<AccessGapDB>;

/** Open (and create or upgrade) the database. */
export function openAccessGapDb(name = DB_NAME): Promise<Db> {
  return openDB<AccessGapDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const audits = db.createObjectStore('audits', { keyPath: 'id' });
        audits.createIndex('byStartedAt', 'startedAt');
        const observations = db.createObjectStore('observations', { keyPath: ['auditId', 'probeKey'] });
        observations.createIndex('byAudit', 'auditId');
        const verdicts = db.createObjectStore('verdicts', { keyPath: ['auditId', 'serviceId'] });
        verdicts.createIndex('byAudit', 'auditId');
      }
    },
  });
}
