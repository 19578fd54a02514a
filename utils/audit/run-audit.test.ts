import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import type { Observation } from '../probe/types';
import { openAccessGapDb } from '../store/db';
import { auditStore, type AuditStore } from '../store/audits';
import { createAuditService } from './audit-service';
import type { ProbeFns } from '../probe/probe-fns';
import { openControlObs } from '../../tests/fixtures/observations';
import { buildReport } from '../report/build-report';
import { QUIET_AFTER_MS } from './request-probes';

const catalog: Catalog = {
  schemaVersion: 1,
  name: 'test',
  version: '1',
  services: [
    { id: 'a', name: 'A', category: 'video', channels: { page: 'https://a.test/', media: 'https://cdn.a.test/x' }, usage: [] },
    { id: 'b', name: 'B', category: 'social', channels: { page: 'https://b.test/' }, usage: [] },
    { id: 'c', name: 'C', category: 'chat', channels: { page: 'https://c.test/', realtime: 'wss://c.test/ws' }, usage: [] },
  ],
};

const base = (url: string, serviceId: string) => ({ serviceId, url, startedAt: 0, redirects: [], timeoutMs: 1000, timings: { totalMs: 1 } });

/** Fake network: every host answers 200 except those listed as failing with a browser error. */
function fakeProbes(failing: Record<string, string> = {}, calls: string[] = []): ProbeFns {
  return {
    async fetch(task) {
      calls.push(`fetch ${task.url}`);
      const error = failing[new URL(task.url).host];
      if (task.serviceId === '_control' && !error) return openControlObs(task.url);
      return { ...base(task.url, task.serviceId), channel: task.channel, kind: 'fetch', ...(error ? { netError: error } : { status: 200 }) };
    },
    async webSocket(task) {
      calls.push(`ws ${task.url}`);
      const error = failing[new URL(task.url).host];
      return { ...base(task.url, task.serviceId), channel: 'realtime', kind: 'websocket', ws: error ? { opened: false, closeCode: 1006 } : { opened: true } };
    },
    async policy(targets) {
      calls.push(`policy ${targets.length}`);
      return targets.map((t) => ({ ...base(t.url, t.serviceId), channel: 'page', kind: 'navigation', netError: 'net::ERR_BLOCKED_BY_CLIENT' }));
    },
  };
}

async function freshStore() {
  return auditStore(await openAccessGapDb(`test-${Math.random()}`));
}

/** Marks a stopped audit running again, resumes it in a new worker and waits; returns that worker's probe calls. */
async function resumeInNewWorker(store: AuditStore, auditId: string): Promise<string[]> {
  const audit = await store.getAudit(auditId);
  if (!audit) throw new Error('the audit was not stored');
  await store.putAudit({ ...audit, status: 'running' });
  const calls: string[] = [];
  const second = createAuditService({ store, probes: fakeProbes({}, calls) });
  await second.resumeRunning();
  expect((await second.wait(auditId))?.status).toBe('complete');
  return calls;
}

describe('audit runner', () => {
  it('classifies every service and stores the control first', async () => {
    const store = await freshStore();
    const service = createAuditService({ store, probes: fakeProbes({ 'cdn.a.test': 'net::ERR_NAME_NOT_RESOLVED' }) });
    const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    const audit = await service.wait(auditId);
    expect(audit?.status).toBe('complete');
    expect(audit?.control?.ok).toBe(true);
    const verdicts = Object.fromEntries((await store.verdicts(auditId)).map((v) => [v.serviceId, v]));
    expect(verdicts.a?.verdict).toBe('partial');
    expect(verdicts.a?.mechanism).toBe('dns');
    expect(verdicts.b?.verdict).toBe('reachable');
    expect(verdicts.c?.verdict).toBe('reachable');
  });

  it('checks the browser policy only once the request probes have gone quiet, beside silence only (docs/scale.md)', async () => {
    const store = await freshStore();
    const probes = fakeProbes();
    const sent = new Map<string, number>();
    let policyAt: number | undefined;
    let slowEnded: number | undefined;
    let youngest = Infinity;
    const service = createAuditService({
      store,
      probes: {
        ...probes,
        async fetch(task, t) {
          if (task.serviceId === '_control') return probes.fetch(task, t);
          sent.set(task.url, Date.now());
          // b.test is slow; everything else answers at once.
          if (task.url === 'https://b.test/') await new Promise((r) => setTimeout(r, QUIET_AFTER_MS + 500));
          try {
            return await probes.fetch(task, t);
          } finally {
            sent.delete(task.url);
            if (task.url === 'https://b.test/') slowEnded = Date.now();
          }
        },
        async policy(targets, t, onBatch) {
          policyAt = Date.now();
          for (const at of sent.values()) youngest = Math.min(youngest, policyAt - at);
          return probes.policy(targets, t, onBatch);
        },
      },
    });
    const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    expect((await service.wait(auditId))?.status).toBe('complete');
    // It ran beside the slow probe only (which had waited long enough to be only waiting), not after it.
    expect([...sent.keys()]).toEqual([]);
    expect(youngest).toBeGreaterThanOrEqual(QUIET_AFTER_MS - 20);
    expect(youngest).not.toBe(Infinity);
    expect(policyAt).toBeLessThan(slowEnded!);
    expect(await store.countVerdicts(auditId)).toBe(3);
  });

  it('resumes a stopped audit, probing only what is missing', async () => {
    const store = await freshStore();
    // First worker: the network "dies" after two probes, as if the service worker was stopped.
    let budget = 2;
    const dying = fakeProbes();
    const stopping: ProbeFns = {
      ...dying,
      async fetch(task, t) {
        if (task.serviceId !== '_control' && budget-- <= 0) throw new Error('service worker stopped');
        return dying.fetch(task, t);
      },
    };
    const first = createAuditService({ store, probes: stopping });
    const { auditId } = await first.start({ catalog, catalogHash: 'h', trigger: 'user' });
    await first.wait(auditId);
    const stored = await store.observations(auditId);
    expect(stored.length).toBeGreaterThan(0);
    // The failed run is recorded; a new worker resumes once the audit is set running again.
    const audit = (await store.getAudit(auditId))!;
    audit.status = 'running';
    await store.putAudit(audit);
    const calls: string[] = [];
    const second = createAuditService({ store, probes: fakeProbes({}, calls) });
    expect(await second.resumeRunning()).toBe(1);
    const done = await second.wait(auditId);
    expect(done?.status).toBe('complete');
    expect(await store.countVerdicts(auditId)).toBe(3);
    const alreadyFetched = stored.filter((o) => o.observation.kind === 'fetch').map((o) => `fetch ${o.observation.url}`);
    for (const call of alreadyFetched) expect(calls).not.toContain(call);
  });

  it('resumes from observations an earlier version stored (the stored shape did not change)', async () => {
    const db = await openAccessGapDb(`earlier-${Math.random()}`);
    const store = auditStore(db);
    const stopped: ProbeFns = { ...fakeProbes(), fetch: async (task, t) => (task.serviceId === '_control' ? fakeProbes().fetch(task, t) : Promise.reject(new Error('stopped'))) };
    const first = createAuditService({ store, probes: stopped });
    const { auditId } = await first.start({ catalog, catalogHash: 'h', trigger: 'user' });
    await first.wait(auditId);
    // Service c's probes but its page fetch, as plain JSON the way IndexedDB hands back what an earlier version wrote.
    const earlier = JSON.parse(`[
      ["c:page:navigation", {"serviceId":"c","channel":"page","kind":"navigation","url":"https://c.test/","startedAt":1,"redirects":[],"timeoutMs":5000,"timings":{"totalMs":85},"netError":"net::ERR_BLOCKED_BY_CLIENT"}],
      ["c:realtime:fetch", {"serviceId":"c","channel":"realtime","kind":"fetch","url":"https://c.test/","startedAt":1,"redirects":[],"timeoutMs":1000,"netError":"net::ERR_CONNECTION_REFUSED","jsError":"TypeError: Failed to fetch","timings":{"totalMs":2}}],
      ["c:realtime:websocket", {"serviceId":"c","channel":"realtime","kind":"websocket","url":"wss://c.test/ws","startedAt":1,"redirects":[],"timeoutMs":1000,"ws":{"opened":false,"closeCode":1006},"timings":{"totalMs":2}}]
    ]`) as [string, unknown][];
    for (const [probeKey, observation] of earlier) await db.put('observations', JSON.parse(JSON.stringify({ auditId, probeKey, observation })));
    const calls = await resumeInNewWorker(store, auditId);
    expect(calls.filter((c) => c.includes('c.test'))).toEqual(['fetch https://c.test/']);
    const c = (await store.verdicts(auditId)).find((v) => v.serviceId === 'c');
    expect(c?.channels.map((ch) => [ch.channel, ch.verdict, ch.mechanism])).toEqual([
      ['page', 'reachable', undefined],
      ['realtime', 'blocked', 'tcp'],
    ]);
  });

  it('a service whose every probe was stored before the stop, but not its verdict, is classified on resume', async () => {
    const db = await openAccessGapDb(`verdict-lost-${Math.random()}`);
    const store = auditStore(db);
    const first = createAuditService({ store, probes: fakeProbes() });
    const { auditId } = await first.start({ catalog, catalogHash: 'h', trigger: 'user' });
    await first.wait(auditId);
    // The worker stopped between storing c's last observation and its verdict.
    expect(await store.verdicts(auditId)).toHaveLength(3);
    await db.delete('verdicts', [auditId, 'c']);
    const calls = await resumeInNewWorker(store, auditId);
    expect(calls.filter((c) => c.includes('c.test'))).toEqual([]);
    expect((await store.verdicts(auditId)).map((v) => v.serviceId).sort()).toEqual(['a', 'b', 'c']);
  });

  it('joins the running audit instead of starting a second one', async () => {
    const store = await freshStore();
    const service = createAuditService({ store, probes: fakeProbes() });
    const one = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    const two = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    expect(two).toEqual({ auditId: one.auditId, joined: true });
    await service.wait(one.auditId);
  });

  it('behind a sign-in portal: the run says so, every verdict is inconclusive, no gap score', async () => {
    const store = await freshStore();
    const portal = 'https://portal.guest-wifi.example/login';
    const probes: ProbeFns = {
      ...fakeProbes(),
      // The portal answers every request: a 302 to its login page, then the page.
      fetch: async (task) => ({ ...base(task.url, task.serviceId), channel: task.channel, kind: 'fetch', status: 200, finalUrl: portal, redirects: [{ from: task.url, to: portal, status: 302 }] }),
    };
    const service = createAuditService({ store, probes });
    const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    await service.wait(auditId);
    const audit = await store.getAudit(auditId);
    expect(audit?.control).toMatchObject({ ok: false, signIn: { portalHost: 'portal.guest-wifi.example' } });
    const verdicts = await store.verdicts(auditId);
    expect(verdicts.map((v) => [v.verdict, v.channels[0]?.reason])).toEqual([
      ['inconclusive', 'sign-in-required'],
      ['inconclusive', 'sign-in-required'],
      ['inconclusive', 'sign-in-required'],
    ]);
    const report = buildReport(audit!, verdicts, { toolVersion: 't', browser: { name: 'Chromium', version: '1' } });
    expect(report.gap).toEqual([]);
    expect(report.control.signIn).toEqual({ portalHost: 'portal.guest-wifi.example' });
  });

  it('makes every verdict inconclusive when the control fails', async () => {
    const store = await freshStore();
    const down = Object.fromEntries(
      ['a.test', 'cdn.a.test', 'b.test', 'c.test', 'connectivitycheck.gstatic.com', 'detectportal.firefox.com', 'www.msftconnecttest.com', 'captive.apple.com'].map(
        (h) => [h, 'net::ERR_NAME_NOT_RESOLVED'],
      ),
    );
    const service = createAuditService({ store, probes: fakeProbes(down) });
    const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    await service.wait(auditId);
    const verdicts = await store.verdicts(auditId);
    expect(verdicts.map((v) => v.verdict)).toEqual(['inconclusive', 'inconclusive', 'inconclusive']);
  });
});
