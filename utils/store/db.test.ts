import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, migrate, openAccessGapDb, type AccessGapDB } from './db';
import { auditStore } from './audits';
import { auditRecord, freshDbName, verdict } from '../../tests/fixtures/store';

/** Build a real v1 database with data, as version 0.1.0 of the extension left it. */
async function seedV1(name: string) {
  const v1 = await openDB<AccessGapDB>(name, 1, { upgrade: (db, old, _next, tx) => migrate(db, old, 1, tx) });
  await v1.put('audits', auditRecord('old-done', 1000));
  await v1.put('audits', auditRecord('old-running', 2000, 'running'));
  await v1.put('verdicts', { ...verdict('tube', 'blocked'), auditId: 'old-done' });
  await v1.put('observations', {
    auditId: 'old-done',
    probeKey: 'tube:page:fetch',
    observation: { serviceId: 'tube', channel: 'page', kind: 'fetch', url: 'https://tube.example.com/', startedAt: 1000, redirects: [], timeoutMs: 8000, timings: { totalMs: 3 } },
  });
  v1.close();
}

describe('store upgrade', () => {
  it('creates the current schema from nothing', async () => {
    const db = await openAccessGapDb(freshDbName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['audits', 'notes', 'observations', 'verdicts']);
    expect([...db.transaction('audits').store.indexNames].sort()).toEqual(['byStartedAt', 'byStatus']);
    db.close();
  });

  it('upgrades v1 to v2 keeping every audit, verdict and observation', async () => {
    const name = freshDbName();
    await seedV1(name);
    const db = await openAccessGapDb(name);
    expect(db.version).toBe(2);
    const store = auditStore(db);
    expect((await store.allAudits()).map((a) => a.id)).toEqual(['old-running', 'old-done']);
    expect(await store.verdicts('old-done')).toHaveLength(1);
    expect(await store.observations('old-done')).toHaveLength(1);
    // The new index covers records written before it existed.
    expect((await store.runningAudits()).map((a) => a.id)).toEqual(['old-running']);
    // The new notes store works.
    await store.putNote({ auditId: 'old-done', networkLabel: 'Paris HQ' });
    expect(await store.getNote('old-done')).toEqual({ auditId: 'old-done', networkLabel: 'Paris HQ' });
    db.close();
  });

  it('reports an upgrade blocked by an old page as a storage error', async () => {
    const name = freshDbName();
    await seedV1(name);
    // An old page that ignores versionchange keeps v1 open.
    const stubborn = await openDB(name, 1);
    stubborn.addEventListener('versionchange', (e) => e.stopImmediatePropagation());
    await expect(openAccessGapDb(name)).rejects.toThrow(/^storage:blocked:/);
    stubborn.close();
  });

  it('refuses to open a database newer than this version as a storage error', async () => {
    const name = freshDbName();
    (await openAccessGapDb(name, DB_VERSION)).close();
    const future = await openDB(name, DB_VERSION + 1);
    future.close();
    await expect(openAccessGapDb(name)).rejects.toThrow(/^storage:version:/);
  });
});
