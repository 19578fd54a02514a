import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AuditService } from '../audit/audit-service';
import referenceCatalog from '../catalog/reference.json';
import type { Catalog } from '../catalog/types';
import { generateReports } from '../fleet/generate-reports';
import { parseManagedConfig } from '../managed/schema';
import type { AuditRecord } from '../audit/types';
import type { AuditStore } from '../store/audits';
import { openUploadDb } from '../upload/db';
import { uploadQueue } from '../upload/queue';
import { createUploader } from '../upload/uploader';
import { effectiveSchedule, firstRunAt, nextRunAt, SCHEDULE_ALARM, UPLOAD_ALARM } from './plan';
import { createScheduler } from './scheduler';

describe('effectiveSchedule', () => {
  const policy = (extra: object = {}) => parseManagedConfig({ scheduleHours: 6, ...extra });
  it.each([
    ['no policy, no choice', parseManagedConfig({}), undefined, { enabled: false, source: 'off' }],
    ['no policy, employee opted in', parseManagedConfig({}), { enabled: true, hours: 24 }, { enabled: true, hours: 24, source: 'user' }],
    ['policy', policy(), undefined, { enabled: true, hours: 6, source: 'policy' }],
    ['policy, employee paused, not allowed', policy(), { enabled: false, hours: 24 }, { enabled: true, hours: 6, source: 'policy' }],
    ['policy, employee paused, allowed', policy({ employeeCanDisableSchedule: true }), { enabled: false, hours: 24 }, { enabled: false, source: 'user' }],
  ])('%s', (_, config, user, expected) => {
    expect(effectiveSchedule(config, user)).toMatchObject(expected);
  });

  it('jitters the first run over 10–100 % of a period and later runs by ±10 %', () => {
    expect([firstRunAt(0, 1, () => 0), firstRunAt(0, 1, () => 1)]).toEqual([360_000, 3_600_000]);
    expect([nextRunAt(0, 1, () => 0), nextRunAt(0, 1, () => 1)]).toEqual([3_240_000, 3_960_000]);
  });
});

let dbs = 0;
/** A scheduler over fakes: alarms in a Map, audits finish when the test says so, receiver answers 201. */
async function setup(policy: Record<string, unknown>) {
  const alarms = new Map<string, number>();
  const local: Record<string, unknown> = {};
  const audits = new Map<string, AuditRecord>();
  const finish = new Map<string, () => void>();
  const waits = new Map<string, Promise<AuditRecord>>();
  const posted: string[] = [];
  const queue = uploadQueue(await openUploadDb(`scheduler-test-${++dbs}`));
  const service = {
    async start(input: { trigger: AuditRecord['trigger'] }) {
      const running = [...audits.values()].find((a) => a.status === 'running');
      if (running) return { auditId: running.id, joined: true };
      const id = `audit-${audits.size + 1}`;
      audits.set(id, { id, status: 'running', trigger: input.trigger } as AuditRecord);
      waits.set(id, new Promise((resolve) => finish.set(id, () => resolve({ ...audits.get(id)!, status: 'complete' }))));
      return { auditId: id, joined: false };
    },
    wait: (id: string) => waits.get(id),
  } as unknown as AuditService;
  const store = {
    getAudit: async (id: string) => audits.get(id),
    runningAudits: async () => [...audits.values()].filter((a) => a.status === 'running'),
  } as unknown as AuditStore;
  const fetchFn = (async (_: string, init: RequestInit) => {
    const id = (JSON.parse(init.body as string) as { id: string }).id;
    posted.push(id);
    return Response.json({ id }, { status: 201 }); // the collector's acknowledgement
  }) as unknown as typeof fetch;
  const scheduler = createScheduler({
    alarms: {
      get: async (name) => (alarms.has(name) ? { scheduledTime: alarms.get(name)! } : undefined),
      create: (name, { when }) => void alarms.set(name, when),
      clear: async (name) => alarms.delete(name),
    },
    local: { get: async (k) => (k in local ? { [k]: local[k] } : {}), set: async (items) => void Object.assign(local, items) },
    readConfig: async () => parseManagedConfig(policy),
    readUserSchedule: async () => undefined,
    service, store, queue,
    uploader: createUploader({ queue, fetchFn, now: () => 1000 }),
    chooseCatalog: async () => ({ catalog: referenceCatalog as Catalog, source: 'reference' }),
    reportFor: async (auditId, config) => ({ ...generateReports(1)[0]!, id: auditId, ...(config.site ? { site: config.site } : {}) }),
    now: () => 1000,
    random: () => 0.5,
  });
  /** The audit ends; like the real service, it is then no longer in flight. */
  const end = (id: string) => {
    audits.set(id, { ...audits.get(id)!, status: 'complete' });
    finish.get(id)!();
    waits.delete(id);
  };
  const complete = async (id: string) => {
    end(id);
    // The upload is chained on wait(): give it time, generously on a busy machine.
    for (let i = 0; i < 200 && !posted.includes(id); i++) await new Promise((r) => setTimeout(r, 10));
  };
  return { scheduler, alarms, posted, queue, complete, end, service };
}

describe('scheduler', () => {
  const policy = { scheduleHours: 1, uploadUrl: 'https://collector.corp/reports', site: 'Lyon' };

  it('does nothing without a policy or an opt-in', async () => {
    const { scheduler, alarms } = await setup({});
    expect((await scheduler.reconcile()).enabled).toBe(false);
    expect(alarms.size).toBe(0);
    expect(await scheduler.run()).toBe('off');
  });

  it('plans a jittered first run, audits on the alarm, skips a run that would overlap, uploads when done', async () => {
    const { scheduler, alarms, posted, complete } = await setup(policy);
    await scheduler.reconcile();
    expect(alarms.get(SCHEDULE_ALARM)).toBe(1_981_000);
    await scheduler.onAlarm(SCHEDULE_ALARM);
    expect(alarms.get(SCHEDULE_ALARM)).toBe(1000 + 3_600_000); // next run planned first
    expect(await scheduler.run()).toBe('skipped'); // audit-1 still running: not doubled
    expect((await scheduler.loadState()).skipped).toBe(1);
    await complete('audit-1');
    expect(posted).toEqual(['audit-1']);
    expect(await scheduler.run()).toBe('started');
    await complete('audit-2');
    expect(posted).toEqual(['audit-1', 'audit-2']);
    expect(alarms.has(UPLOAD_ALARM)).toBe(false);
  });

  it('re-plans the first run when the policy changes the period, and keeps the alarm otherwise', async () => {
    const { scheduler, alarms } = await setup(policy);
    await scheduler.reconcile();
    alarms.set(SCHEDULE_ALARM, 42);
    await scheduler.reconcile();
    expect(alarms.get(SCHEDULE_ALARM)).toBe(42);
  });

  it('keeps a report queued with a retry alarm when the receiver is down', async () => {
    const ctx = await setup(policy);
    // Swap the receiver for one that is offline.
    const { queue, scheduler, alarms } = ctx;
    await scheduler.run();
    const offline = createUploader({ queue, fetchFn: (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch, now: () => 1000, random: () => 0 });
    await queue.enqueue({ ...generateReports(1)[0]!, id: 'queued-1' }, 1000);
    const result = await offline.flush({ url: policy.uploadUrl });
    expect(result).toMatchObject({ failed: true, nextAttemptAt: 1000 + 15_000 });
    expect(await queue.count()).toBe(1);
    expect(alarms.has(SCHEDULE_ALARM)).toBe(true);
  });

  it('uploads an audit the employee started when IT configured an upload URL, and not otherwise', async () => {
    const managed = await setup(policy);
    const { auditId } = await managed.service.start({ trigger: 'user' } as never);
    await managed.scheduler.track(auditId);
    await managed.complete(auditId);
    expect(managed.posted).toEqual([auditId]);

    // Tracking is not awaited by the start: an audit may have ended before it runs.
    const quick = await setup(policy);
    const ended = await quick.service.start({ trigger: 'user' } as never);
    quick.end(ended.auditId);
    await quick.scheduler.track(ended.auditId);
    expect(quick.posted).toEqual([ended.auditId]);

    const unmanaged = await setup({});
    const started = await unmanaged.service.start({ trigger: 'user' } as never);
    await unmanaged.scheduler.track(started.auditId);
    expect(await unmanaged.queue.pending()).toEqual([]);
  });
});
