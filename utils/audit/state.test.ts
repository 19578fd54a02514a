import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import { openAccessGapDb } from '../store/db';
import { auditStore } from '../store/audits';
import { readAuditState } from './state';
import type { AuditRecord } from './types';

const catalog: Catalog = {
  schemaVersion: 1, name: 'state', version: '1',
  services: [{ id: 'a', name: 'A', category: 'video', channels: { page: 'https://a.test/' }, usage: [] }],
};
const audit = (id: string, trigger: AuditRecord['trigger'], startedAt: number): AuditRecord =>
  ({ id, status: 'complete', trigger, startedAt, finishedAt: startedAt + 1, catalog, catalogHash: 'h', options: { timeoutMs: 1000, concurrency: 2 } });
const notScheduled = (a: Pick<AuditRecord, 'trigger'>) => a.trigger !== 'schedule';

describe('readAuditState with the reader’s filter (IT may keep its scheduled audits)', () => {
  it('reads the latest audit the reader may see, and none it may not', async () => {
    const store = auditStore(await openAccessGapDb(`state-${Math.random()}`));
    await store.putAudit(audit('own', 'user', 1000));
    await store.putAudit(audit('it', 'schedule', 2000));
    expect((await readAuditState(store))?.id).toBe('it');
    expect((await readAuditState(store, undefined, notScheduled))?.id).toBe('own');
    expect(await readAuditState(store, 'it', notScheduled)).toBeNull();
    expect((await readAuditState(store, 'own', notScheduled))?.id).toBe('own');
  });

  it('is null when every stored audit is hidden', async () => {
    const store = auditStore(await openAccessGapDb(`state-${Math.random()}`));
    await store.putAudit(audit('it', 'schedule', 2000));
    expect(await readAuditState(store, undefined, notScheduled)).toBeNull();
  });
});
