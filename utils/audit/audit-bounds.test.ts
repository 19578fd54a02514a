import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import { openAccessGapDb } from '../store/db';
import type { AuditRecord } from './types';
import { auditStore, type AuditStore } from '../store/audits';
import { storageErrorKind } from '../store/errors';
import { createAuditService, MAX_AUDIT_MS, MAX_RESUMES } from './audit-service';
import type { ProbeFns } from '../probe/probe-fns';

const catalog: Catalog = {
  schemaVersion: 1, name: 'bounds', version: '1',
  services: [{ id: 'a', name: 'A', category: 'video', channels: { page: 'https://a.test/' }, usage: [] }],
};
const recorded = (serviceId: string, url: string) => ({ serviceId, channel: 'page' as const, url, startedAt: 0, redirects: [], timeoutMs: 1000, timings: { totalMs: 1 } });
const answer = (serviceId: string, url: string) => ({ ...recorded(serviceId, url), kind: 'fetch' as const, status: 200 });
const probes: ProbeFns = {
  fetch: async (task) => answer(task.serviceId, task.url),
  webSocket: () => Promise.reject(new Error('unused')),
  policy: async (targets) => targets.map((t) => ({ ...recorded(t.serviceId, t.url), kind: 'navigation' as const })),
};
const freshStore = async () => auditStore(await openAccessGapDb(`bounds-${Math.random()}`));
const running = (id: string, startedAt: number, resumes = 0): AuditRecord =>
  ({ id, status: 'running', trigger: 'schedule', startedAt, catalog, catalogHash: 'h', options: { timeoutMs: 1000, concurrency: 2 }, resumes });

describe('storage stays bounded (docs/privacy.md)', () => {
  it('applies retention in the background after every audit, no page open', async () => {
    const store = await freshStore();
    let clock = 1000;
    const service = createAuditService({ store, probes, now: () => clock++, retention: async () => ({ maxAudits: 2, maxDays: 0 }) });
    for (let i = 0; i < 4; i++) {
      const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'schedule' });
      await service.wait(auditId);
    }
    expect(await store.allAudits()).toHaveLength(2);
  });

  it('a quota error fails the audit with a visible reason, freeing its observations if even that write fails', async () => {
    const real = await freshStore();
    let full = false;
    const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const store: AuditStore = {
      ...real,
      async putObservation(...args) {
        full = true; // the disk fills during the audit
        throw quota();
      },
      async putAudit(audit) {
        if (full && audit.status === 'failed' && (await real.observations(audit.id)).length > 0) throw quota();
        return real.putAudit(audit);
      },
    };
    await real.putObservation('x', 'a:page:fetch', answer('a', 'https://a.test/')); // an earlier audit's data
    const service = createAuditService({ store, probes });
    const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'schedule' });
    const audit = await service.wait(auditId);
    expect(audit?.status).toBe('failed');
    expect(storageErrorKind(audit?.error)).toBe('quota');
    expect((await real.getAudit(auditId))?.status).toBe('failed');
  });

  it(`gives up an audit resumed ${MAX_RESUMES} times`, async () => {
    const store = await freshStore();
    await store.putAudit(running('stuck', Date.now(), MAX_RESUMES));
    expect(await createAuditService({ store, probes }).resumeRunning()).toBe(0);
    expect(await store.getAudit('stuck')).toMatchObject({ status: 'failed', error: `stopped ${MAX_RESUMES} times before finishing; not resumed again` });
  });

  it('counts each resume', async () => {
    const store = await freshStore();
    await store.putAudit(running('r', Date.now(), 1));
    const service = createAuditService({ store, probes });
    expect(await service.resumeRunning()).toBe(1);
    expect((await service.wait('r'))?.resumes).toBe(2);
  });

  it('a wedged audit does not block the next one: it is failed and a new audit starts', async () => {
    const store = await freshStore();
    const now = 10 * MAX_AUDIT_MS;
    await store.putAudit(running('wedged', now - MAX_AUDIT_MS - 1));
    const service = createAuditService({ store, probes, now: () => now });
    const started = await service.start({ catalog, catalogHash: 'h', trigger: 'schedule' });
    expect(started.joined).toBe(false);
    expect(await store.getAudit('wedged')).toMatchObject({ status: 'failed', error: 'did not finish within 30 minutes' });
    expect((await service.wait(started.auditId))?.status).toBe('complete');
  });
});
