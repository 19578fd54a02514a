import type { AuditService } from '../audit/audit-service';
import { catalogHash } from '../catalog/hash';
import type { CatalogChoice } from '../managed/catalog-source';
import type { StorageArea } from '../platform/storage-area';
import type { ManagedConfig } from '../managed/schema';
import type { Report } from '../report/types';
import type { AuditStore } from '../store/audits';
import type { UploadQueue } from '../upload/queue';
import type { Uploader } from '../upload/uploader';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../upload/backoff';
import { effectiveSchedule, firstRunAt, nextRunAt, SCHEDULE_ALARM, UPLOAD_ALARM, type EffectiveSchedule, type UserSchedule } from './plan';

export const SCHEDULE_STATE_KEY = 'fleetScheduleState';

/**
 * Retries start at 30 s, or at the schedule's period when shorter (a 10 s test
 * schedule retries within seconds), and double up to 6 h.
 */
export function retryPolicy(scheduleHours: number | undefined): BackoffPolicy {
  const periodMs = (scheduleHours ?? Infinity) * 3600_000;
  return { baseMs: Math.max(1000, Math.min(DEFAULT_BACKOFF.baseMs, periodMs)), capMs: DEFAULT_BACKOFF.capMs };
}

/** What the scheduler remembers between service-worker lives (storage.local). */
export interface ScheduleState {
  /** Period the current alarm was set for: a new period from the policy re-plans the first run. */
  hours?: number;
  runs: number;
  /** Runs skipped because an audit was already running (never doubled). */
  skipped: number;
  lastRunAt?: number;
  lastCatalogError?: string;
}

/** The slice of `browser.alarms` used; tests pass a fake. */
export interface AlarmsApi {
  get(name: string): Promise<{ scheduledTime: number } | undefined>;
  create(name: string, info: { when: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
}

export interface SchedulerDeps {
  alarms: AlarmsApi;
  local: StorageArea;
  readConfig: () => Promise<ManagedConfig>;
  readUserSchedule: () => Promise<UserSchedule | undefined>;
  service: AuditService;
  store: AuditStore;
  queue: UploadQueue;
  uploader: Uploader;
  chooseCatalog: (url: string | undefined) => Promise<CatalogChoice>;
  /** The report of a finished audit, with the policy's site/organisation and the install id. */
  reportFor: (auditId: string, config: ManagedConfig) => Promise<Report | null>;
  /** Called when a scheduled audit starts (the background keeps an alarm to resume it). */
  onAuditStarted?: () => void;
  now?: () => number;
  random?: () => number;
}

/**
 * Scheduled audits and their upload. Every step is re-entrant and reads its
 * state from storage, because Chrome stops the service worker between alarms.
 */
export function createScheduler(deps: SchedulerDeps) {
  const { alarms, local, now = Date.now, random = Math.random } = deps;
  const loadState = async (): Promise<ScheduleState> =>
    ({ runs: 0, skipped: 0, ...((await local.get(SCHEDULE_STATE_KEY))[SCHEDULE_STATE_KEY] as ScheduleState | undefined) });
  const saveState = async (change: Partial<ScheduleState>) => local.set({ [SCHEDULE_STATE_KEY]: { ...(await loadState()), ...change } });
  const schedule = async (): Promise<{ config: ManagedConfig; effective: EffectiveSchedule }> => {
    const config = await deps.readConfig();
    return { config, effective: effectiveSchedule(config, await deps.readUserSchedule()) };
  };

  /** Queue the reports of finished scheduled audits, then send what is due and plan the retry alarm. */
  const uploadFinished = async (): Promise<void> => {
    const config = await deps.readConfig();
    let fresh = false;
    for (const { auditId } of await deps.queue.pending()) {
      const audit = await deps.store.getAudit(auditId);
      if (audit?.status === 'running') {
        // Resumed by another worker life: upload as soon as it ends.
        void deps.service.wait(auditId)?.then(uploadFinished);
        continue;
      }
      const report = audit && config.uploadUrl ? await deps.reportFor(auditId, config) : null;
      if (report) fresh = (await deps.queue.enqueue(report, now())) === 'queued' || fresh;
      await deps.queue.removePending(auditId);
    }
    if (!config.uploadUrl || (await deps.queue.count()) === 0) return;
    const target = { url: config.uploadUrl, ...(config.uploadAuthorization ? { authorization: config.uploadAuthorization } : {}) };
    // A new report is tried at once (one request per scheduled run); the backoff paces retries in between.
    const { nextAttemptAt } = await deps.uploader.flush(target, fresh, retryPolicy(config.scheduleHours));
    if (nextAttemptAt > 0) await alarms.create(UPLOAD_ALARM, { when: Math.max(nextAttemptAt, now() + 1000) });
  };

  /** One scheduled run: plan the next one first (a crash mid-run must not end the schedule), then audit unless one runs. */
  const run = async (): Promise<'started' | 'skipped' | 'off'> => {
    const { config, effective } = await schedule();
    if (!effective.enabled || effective.hours === null) return 'off';
    await alarms.create(SCHEDULE_ALARM, { when: nextRunAt(now(), effective.hours, random) });
    const state = await loadState();
    // The service joins an audit that really runs (and fails a wedged one instead of waiting on it).
    const choice = await deps.chooseCatalog(config.catalogUrl);
    const started = await deps.service.start({ catalog: choice.catalog, catalogHash: await catalogHash(choice.catalog), trigger: 'schedule' });
    if (started.joined) {
      await saveState({ skipped: state.skipped + 1 });
      return 'skipped';
    }
    await deps.queue.addPending(started.auditId, now());
    await saveState({ runs: state.runs + 1, lastRunAt: now(), ...(choice.error ? { lastCatalogError: choice.error } : { lastCatalogError: '' }) });
    deps.onAuditStarted?.();
    void deps.service.wait(started.auditId)?.then(uploadFinished);
    return 'started';
  };

  return {
    run,
    uploadFinished,
    /**
     * An audit the employee started: where IT configured an upload URL, its report
     * goes the same way as a scheduled one ("each finished report"). Unmanaged, nothing.
     */
    async track(auditId: string): Promise<void> {
      if (!(await deps.readConfig()).uploadUrl) return;
      await deps.queue.addPending(auditId, now());
      // Tracking is not awaited by the start (it reads the policy, slow at a session's first
      // read): an audit that ended meanwhile is no longer in flight, and is uploaded now.
      const running = deps.service.wait(auditId);
      if (running) void running.then(uploadFinished);
      else await uploadFinished();
    },
    /** Align the alarm with the policy and the employee's choice (worker start, policy change, user change). */
    async reconcile(): Promise<EffectiveSchedule> {
      const { effective } = await schedule();
      const state = await loadState();
      if (!effective.enabled || effective.hours === null) {
        await alarms.clear(SCHEDULE_ALARM);
      } else if (!(await alarms.get(SCHEDULE_ALARM)) || state.hours !== effective.hours) {
        await alarms.create(SCHEDULE_ALARM, { when: firstRunAt(now(), effective.hours, random) });
        await saveState({ hours: effective.hours });
      }
      await uploadFinished();
      return effective;
    },
    async onAlarm(name: string): Promise<void> {
      if (name === SCHEDULE_ALARM) await run();
      else if (name === UPLOAD_ALARM) await uploadFinished();
    },
    loadState,
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;
