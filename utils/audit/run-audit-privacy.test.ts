import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import type { FetchObservation } from '../probe/types';
import { openAccessGapDb } from '../store/db';
import { auditStore } from '../store/audits';
import { createAuditService } from './audit-service';
import type { ProbeFns } from '../probe/probe-fns';
import { openControlObs } from '../../tests/fixtures/observations';
import { personalValuesIn, SQUIDGUARD_REDIRECT } from '../../tests/fixtures/personal-data';

const catalog: Catalog = {
  schemaVersion: 1, name: 'test', version: '1',
  services: [{ id: 'fb', name: 'Facebook', category: 'social', channels: { page: 'https://www.facebook.com/' }, usage: [] }],
};

/** squidGuard's block page echoes who asked (real squidGuard.cgi prints the client's address, name and user). */
const BLOCK_PAGE = '<html><head><title>Access denied</title></head><body>squidGuard.cgi: access denied for 10.20.30.40 (pc-jdoe.corp.example, CORP\\jdoe)</body></html>';

/** Every service request lands on the squidGuard block page through a redirect; the control gets its defined answer. */
const blockedProbes: ProbeFns = {
  async fetch(task) {
    if (task.serviceId === '_control') return openControlObs(task.url);
    return {
      serviceId: task.serviceId, channel: task.channel, kind: 'fetch', url: task.url, startedAt: 0, status: 200, timeoutMs: 1000, timings: { totalMs: 1 },
      finalUrl: SQUIDGUARD_REDIRECT, redirects: [{ from: task.url, to: SQUIDGUARD_REDIRECT, status: 302 }],
      headers: { 'content-type': 'text/html' }, title: 'Access denied', bodySnippet: BLOCK_PAGE,
    } satisfies FetchObservation;
  },
  webSocket: () => Promise.reject(new Error('no realtime channel here')),
  // Navigations are not blocked by policy here.
  policy: async (targets) =>
    targets.map((t) => ({ serviceId: t.serviceId, channel: 'page', kind: 'navigation', url: t.url, startedAt: 0, redirects: [], timeoutMs: 1000, timings: { totalMs: 1 } })),
};

describe('what an audit stores (docs/privacy.md)', () => {
  it('keeps no query string, and no body once the service is classified; the fingerprint and title stay', async () => {
    const store = auditStore(await openAccessGapDb(`privacy-${Math.random()}`));
    const service = createAuditService({ store, probes: blockedProbes });
    const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    expect((await service.wait(auditId))?.status).toBe('complete');

    const [verdict] = await store.verdicts(auditId);
    expect(verdict).toMatchObject({ verdict: 'blocked', mechanism: 'block-page' });
    expect(verdict?.channels[0]?.evidence.fingerprint?.id).toBe('squidguard');
    const observations = await store.observations(auditId);
    const fetched = observations.map((o) => o.observation).find((o) => o.kind === 'fetch');
    expect([fetched?.title, fetched?.bodySnippet]).toEqual(['Access denied', undefined]);
    const everything = JSON.stringify([await store.getAudit(auditId), observations, await store.verdicts(auditId)]);
    expect(personalValuesIn(everything)).toEqual([]);
  });
});
