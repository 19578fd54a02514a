import type { Catalog } from '../catalog/types';
import type { AuditRecord } from './db';
import type { ServiceVerdict } from '../verdict/types';

let n = 0;
/** A fresh database name per test: fake-indexeddb keeps databases for the whole file. */
export const freshDbName = () => `access-gap-test-${++n}-${Math.random().toString(36).slice(2)}`;

export const tinyCatalog: Catalog = {
  schemaVersion: 1,
  name: 'Tiny',
  version: 't1',
  services: [
    { id: 'tube', name: 'Tube', category: 'video', channels: { page: 'https://tube.example.com/' }, usage: [] },
    { id: 'chat', name: 'Chat', category: 'messaging', channels: { page: 'https://chat.example.com/' }, usage: [] },
  ],
} as Catalog;

/** An audit record as the runner writes it. */
export function auditRecord(id: string, startedAt: number, status: AuditRecord['status'] = 'complete'): AuditRecord {
  return {
    id,
    status,
    trigger: 'user',
    startedAt,
    ...(status === 'running' ? {} : { finishedAt: startedAt + 5000 }),
    catalog: tinyCatalog,
    catalogHash: 'hash',
    options: { timeoutMs: 8000, concurrency: 96 },
  };
}

/** A minimal service verdict. */
export function verdict(serviceId: string, v: ServiceVerdict['verdict'] = 'reachable'): ServiceVerdict {
  return {
    serviceId,
    verdict: v,
    channels: [
      { channel: 'page', verdict: v, reason: 'test', evidence: { url: `https://${serviceId}.example.com/`, timings: { totalMs: 12 }, detail: 'test' } },
    ],
  };
}
