import 'fake-indexeddb/auto';
import { openControlObs } from '../../tests/fixtures/observations';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import type { Observation, ThroughputDownload } from '../probe/types';
import { openAccessGapDb } from '../store/db';
import { auditStore } from '../store/audits';
import { createAuditService } from './audit-service';
import type { ProbeFns } from '../probe/probe-fns';
import { THROUGHPUT_LIMITS } from '../probe/throughput-limits';

const catalog: Catalog = {
  schemaVersion: 1,
  name: 'test',
  version: '1',
  services: [
    { id: 'slow', name: 'Slow', category: 'video', channels: { page: 'https://slow.test/', media: 'https://cdn.slow.test/v.mp4' }, usage: [] },
    { id: 'quick', name: 'Quick', category: 'video', channels: { page: 'https://quick.test/', media: 'https://cdn.quick.test/v.mp4' }, usage: [] },
    { id: 'gone', name: 'Gone', category: 'video', channels: { page: 'https://gone.test/', media: 'https://cdn.gone.test/v.mp4' }, usage: [] },
    { id: 'talk', name: 'Talk', category: 'chat', channels: { page: 'https://talk.test/', call: 'stun:10.0.0.2:3478' }, usage: [] },
    { id: 'mute', name: 'Mute', category: 'chat', channels: { page: 'https://mute.test/', call: 'stun:10.0.0.3:3478' }, usage: [] },
  ],
};

const base = (url: string, serviceId: string) => ({ serviceId, url, startedAt: 0, redirects: [], timeoutMs: 1000, timings: { totalMs: 1 } });
const steady = (rate: number): ThroughputDownload => ({
  status: 200, ttfbMs: 20, bytes: rate * 3, readMs: 3000, end: 'time-cap',
  progress: Array.from({ length: 30 }, (_, i) => [(i + 1) * 100, ((i + 1) * rate) / 10] as [number, number]),
});

/** Fake network: `cdn.gone.test` fails, `cdn.slow.test` runs at 20 kB/s, everything else at 900 kB/s. */
function fakeProbes(log: string[]): ProbeFns {
  return {
    async fetch(task) {
      log.push(`fetch ${task.url}`);
      if (task.serviceId === '_control') return openControlObs(task.url);
      const gone = task.url.includes('cdn.gone');
      return { ...base(task.url, task.serviceId), channel: task.channel, kind: 'fetch', ...(gone ? { netError: 'net::ERR_CONNECTION_REFUSED' } : { status: 200 }) };
    },
    webSocket: async (task) => ({ ...base(task.url, task.serviceId), channel: 'realtime', kind: 'websocket', ws: { opened: true } }),
    policy: async (targets) => targets.map((t) => ({ ...base(t.url, t.serviceId), channel: 'page', kind: 'navigation', netError: 'net::ERR_BLOCKED_BY_CLIENT' })),
    async throughput(task) {
      log.push(`throughput ${task.url}`);
      const { maxBytes, windowMs, sliceMs } = THROUGHPUT_LIMITS;
      const downloads = [steady(task.url.includes('slow') ? 20_000 : 900_000)];
      return { ...base(task.url, task.serviceId), channel: 'media', kind: 'throughput', throughput: { downloads, limits: { maxBytes, windowMs, sliceMs } } };
    },
    async calls(targets) {
      log.push(`calls ${targets.length}`);
      return targets.map((t) => ({
        ...base(t.url, t.serviceId), channel: 'realtime', kind: 'webrtc', timeoutMs: 5000,
        call: { candidateTypes: t.serviceId === 'talk' ? ['host', 'srflx'] : ['host'], errors: [], timedOut: t.serviceId !== 'talk' },
      }));
    },
  };
}

describe('audit runner with throughput and call probes', () => {
  it('throttles the slow media host, skips the failed one, and tells a live call server from a silent one', async () => {
    const store = auditStore(await openAccessGapDb(`test-${Math.random()}`));
    const log: string[] = [];
    const service = createAuditService({ store, probes: fakeProbes(log) });
    const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    expect((await service.wait(auditId))?.status).toBe('complete');
    const v = Object.fromEntries((await store.verdicts(auditId)).map((x) => [x.serviceId, x]));

    expect([v.slow?.verdict, v.quick?.verdict, v.gone?.verdict]).toEqual(['throttled', 'reachable', 'partial']);
    const media = v.slow?.channels.find((c) => c.channel === 'media');
    expect(media?.reason).toBe('throughput-below-control');
    expect(media?.evidence.throughput).toMatchObject({ outcome: 'throttled', service: { kBps: 20, samples: 3 }, control: { kBps: 900 } });
    expect(v.gone?.channels.find((c) => c.channel === 'media')?.evidence.throughput?.reason).toBe('skipped');

    expect(v.talk?.verdict).toBe('reachable');
    expect(v.talk?.channels.find((c) => c.channel === 'realtime')?.evidence.call?.reason).toBe('call-srflx');
    expect([v.mute?.verdict, v.mute?.mechanism]).toEqual(['partial', 'timeout']);

    // A media host is measured only after its own media fetch, never alongside it; the failed one never.
    expect(log.indexOf('throughput https://cdn.slow.test/v.mp4')).toBeGreaterThan(log.indexOf('fetch https://cdn.slow.test/v.mp4'));
    expect(log).not.toContain('throughput https://cdn.gone.test/v.mp4');
    expect(log.filter((l) => l.startsWith('throughput https://speed.cloudflare.com/'))).toHaveLength(1);
    expect(log).toContain('calls 3');
  });

  it('calls nothing blocked when no call server answers at all (no call control)', async () => {
    const store = auditStore(await openAccessGapDb(`test-${Math.random()}`));
    const probes = fakeProbes([]);
    const silent: ProbeFns = {
      ...probes,
      calls: async (targets) => (await probes.calls!(targets, 1)).map((o) => ({ ...o, call: { candidateTypes: ['host'], errors: [], timedOut: true } })),
    };
    const service = createAuditService({ store, probes: silent });
    const { auditId } = await service.start({ catalog, catalogHash: 'h', trigger: 'user' });
    await service.wait(auditId);
    const v = Object.fromEntries((await store.verdicts(auditId)).map((x) => [x.serviceId, x]));
    expect([v.talk?.verdict, v.mute?.verdict]).toEqual(['reachable', 'reachable']);
    expect(v.mute?.channels.find((c) => c.channel === 'realtime')?.reason).toBe('call-no-control');
  });
});
