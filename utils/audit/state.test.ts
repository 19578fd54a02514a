import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import { openAccessGapDb } from '../store/db';
import { auditStore } from '../store/audits';
import { readAuditState, SUMMARY_VERDICTS } from './state';
import type { AuditRecord } from './types';

const catalog: Catalog = {
  schemaVersion: 1, name: 'state', version: '1',
  services: [{ id: 'a', name: 'A', category: 'video', channels: { page: 'https://a.test/' }, usage: [] }],
};
const audit = (id: string, trigger: AuditRecord['trigger'], startedAt: number): AuditRecord =>
  ({ id, status: 'complete', trigger, startedAt, finishedAt: startedAt + 1, catalog, catalogHash: 'h', options: { timeoutMs: 1000, concurrency: 2 } });
const notScheduled = async () => (a: Pick<AuditRecord, 'trigger'>) => a.trigger !== 'schedule';

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

describe('readAuditState progress (issue 20: the bar moves with every check)', () => {
  const two: Catalog = {
    ...catalog,
    services: [
      { id: 'a', name: 'A', category: 'video', channels: { page: 'https://a.test/', media: 'https://cdn.a.test/x' }, usage: [] },
      { id: 'b', name: 'B', category: 'video', channels: { page: 'https://b.test/' }, usage: [] },
    ],
  };
  const observation = (serviceId: string, url: string) =>
    ({ serviceId, channel: 'page' as const, kind: 'fetch' as const, url, startedAt: 1, redirects: [], timeoutMs: 1000, timings: { totalMs: 1 }, status: 200 });

  it('counts a classified service as one and a waiting one by the share of its checks stored', async () => {
    const store = auditStore(await openAccessGapDb(`state-${Math.random()}`));
    await store.putAudit({ ...audit('run', 'user', 1000), catalog: two, status: 'running', capabilities: { throughput: false, calls: false } });
    expect(await readAuditState(store, 'run')).toMatchObject({ done: 0, progress: 0, total: 2 });
    // a: page fetch, media fetch, page navigation — one of three stored.
    await store.putObservation('run', 'a:page:fetch', observation('a', 'https://a.test/'));
    expect((await readAuditState(store, 'run'))?.progress).toBeCloseTo(1 / 3);
    // b: page fetch and navigation, both stored, and b classified.
    await store.putObservation('run', 'b:page:fetch', observation('b', 'https://b.test/'));
    await store.putObservation('run', 'b:page:navigation', observation('b', 'https://b.test/'));
    await store.putVerdict('run', { serviceId: 'b', verdict: 'reachable', channels: [] });
    const state = await readAuditState(store, 'run');
    expect(state?.done).toBe(1);
    expect(state?.progress).toBeCloseTo(1 + 1 / 3);
  });

  it('is the count of services once the audit ended', async () => {
    const store = auditStore(await openAccessGapDb(`state-${Math.random()}`));
    await store.putAudit({ ...audit('end', 'user', 1000), catalog: two });
    expect(await readAuditState(store, 'end')).toMatchObject({ done: 0, progress: 0 });
  });
});

describe('readAuditState in summary (what polling pages read, issue 20)', () => {
  const many: Catalog = {
    ...catalog,
    services: Array.from({ length: 30 }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, name: `S${i}`, category: 'video', channels: { page: `https://s${i}.test/` }, usage: [] })),
  };

  it('carries the last verdicts only, with every count and the same progress as the whole state', async () => {
    const store = auditStore(await openAccessGapDb(`state-${Math.random()}`));
    await store.putAudit({ ...audit('big', 'user', 1000), catalog: many, status: 'running', capabilities: { throughput: false, calls: false } });
    for (const [i, s] of many.services.entries()) {
      if (i >= 25) break;
      await store.putVerdict('big', { serviceId: s.id, verdict: i % 5 === 0 ? 'blocked' : 'reachable', channels: [] });
    }
    const whole = await readAuditState(store, 'big');
    const summary = await readAuditState(store, 'big', undefined, { summary: true });
    expect(whole?.verdicts).toHaveLength(25);
    expect(summary?.verdicts.map((v) => v.serviceId)).toEqual(whole?.verdicts.slice(-SUMMARY_VERDICTS).map((v) => v.serviceId));
    expect(summary?.verdicts[0]).not.toHaveProperty('landed');
    expect(summary?.counts).toEqual({ blocked: 5, reachable: 20 });
    expect(summary?.counts).toEqual(whole?.counts);
    expect({ done: summary?.done, progress: summary?.progress, total: summary?.total }).toEqual({ done: 25, progress: 25, total: 30 });
    expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(whole).length / 2);
  });

  it('lists the verdicts that landed last, in the order they landed, not by service id', async () => {
    const store = auditStore(await openAccessGapDb(`state-${Math.random()}`));
    await store.putAudit({ ...audit('order', 'user', 1000), catalog: many, status: 'running', capabilities: { throughput: false, calls: false } });
    const landing = ['s29', 's03', 's17', 's00', 's11', 's28', 's05', 's22', 's09', 's14'];
    for (const [i, id] of landing.entries()) await store.putVerdict('order', { serviceId: id, verdict: 'reachable', channels: [] }, 5000 + i);
    const summary = await readAuditState(store, 'order', undefined, { summary: true });
    expect(summary?.verdicts.map((v) => v.serviceId)).toEqual(landing.slice(-SUMMARY_VERDICTS));
  });
});
