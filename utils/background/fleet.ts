import { browser } from 'wxt/browser';
import type { AuditService } from '../audit/audit-service';
import { cachedManagedCatalog, chooseCatalog } from '../managed/catalog-source';
import { installId } from '../managed/install-id';
import { currentManagedConfig, forgetManagedConfig } from '../managed/read';
import type { AuditStore } from '../store/audits';
import { openUploadDb } from '../upload/db';
import { uploadQueue, type UploadQueue } from '../upload/queue';
import { createUploader } from '../upload/uploader';
import { effectiveSchedule, SCHEDULE_ALARM } from '../schedule/plan';
import { createScheduler, type Scheduler } from '../schedule/scheduler';
import { fleetStatus, type FleetStatus } from '../schedule/status';
import { loadUserSchedule } from '../schedule/user-schedule';
import { reportOf } from './report';

/** The fetch of IT's catalog started when the policy named it (see `fetchManagedCatalogIfMissing`). */
let catalogFetch: Promise<unknown> = Promise.resolve();

/** IT's catalog for user-started audits and the catalog panel (`resolveActiveCatalog(managedCatalog)`). */
export async function managedCatalog() {
  // An employee who starts an audit right after the policy arrived waits for IT's catalog (15 s at most).
  await catalogFetch.catch(() => {});
  return cachedManagedCatalog((await currentManagedConfig()).catalogUrl, browser.storage.local);
}

/**
 * IT's catalog is fetched as soon as the policy names it (worker start, policy change), not
 * only by the first scheduled audit: before, an employee's audits probed the reference
 * catalog until a scheduled audit had run, and without a schedule, always.
 */
function fetchManagedCatalogIfMissing(local: typeof browser.storage.local): void {
  catalogFetch = (async () => {
    const { catalogUrl } = await currentManagedConfig();
    if (catalogUrl && !(await cachedManagedCatalog(catalogUrl, local))) {
      const choice = await chooseCatalog(catalogUrl, local);
      if (choice.error) console.warn('fleet: IT catalog', choice.error);
    }
  })();
  catalogFetch.catch((error: unknown) => console.error('fleet: IT catalog', error));
}

/** What the fleet's message handlers work on (`fleet-handlers.ts`). */
export interface Fleet {
  queueReady: Promise<UploadQueue>;
  /** Re-plan the schedule from the policy and the employee's choice. */
  reconcile(): Promise<void>;
  status(): Promise<FleetStatus>;
  /** Upload the report of an audit the employee started, when IT configured an upload URL. */
  trackAudit(auditId: string): Promise<void>;
}

/**
 * Managed deployment in the background: scheduled audits and the upload queue.
 * Listeners are added synchronously (an alarm that woke the worker must find its
 * listener); everything else waits for the stores.
 */
export function startFleet(deps: { storeReady: Promise<AuditStore>; serviceReady: Promise<AuditService>; onAuditStarted: () => void }): Fleet {
  const local = browser.storage.local;
  const queueReady = openUploadDb().then((db) => uploadQueue(db));
  const schedulerReady: Promise<Scheduler> = Promise.all([deps.storeReady, deps.serviceReady, queueReady]).then(([store, service, queue]) =>
    createScheduler({
      alarms: browser.alarms,
      local,
      readConfig: () => currentManagedConfig(),
      readUserSchedule: () => loadUserSchedule(local),
      service,
      store,
      queue,
      uploader: createUploader({ queue }),
      chooseCatalog: (url) => chooseCatalog(url, local),
      async reportFor(auditId, config) {
        const fleet = {
          ...(config.site ? { site: config.site } : {}),
          ...(config.organisation ? { organisation: config.organisation } : {}),
          installId: await installId(local),
        };
        return reportOf(store, auditId, { fleet });
      },
      onAuditStarted: deps.onAuditStarted,
    }),
  );
  const reconcile = () => schedulerReady.then(async (s) => void (await s.reconcile())).catch((error: unknown) => console.error('fleet: schedule', error));

  browser.alarms.onAlarm.addListener((alarm) => {
    void schedulerReady.then((s) => s.onAlarm(alarm.name)).catch((error: unknown) => console.error('fleet: alarm', error));
  });
  // A new or changed policy applies at once, without a browser restart.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    // This listener may run before the kept policy's own: forget it first, so reconcile reads the new one.
    forgetManagedConfig();
    fetchManagedCatalogIfMissing(local);
    void reconcile();
  });

  const status = async () => {
    const [scheduler, queue, config] = await Promise.all([schedulerReady, queueReady, currentManagedConfig()]);
    const alarm = await browser.alarms.get(SCHEDULE_ALARM);
    return fleetStatus({
      config,
      effective: effectiveSchedule(config, await loadUserSchedule(local)),
      state: await scheduler.loadState(),
      ...(alarm ? { nextRunAt: alarm.scheduledTime } : {}),
      meta: await queue.meta(),
      queued: await queue.count(),
      pending: (await queue.pending()).length,
      deadLetters: await queue.deadLetters(),
      delivered: await queue.delivered(),
    });
  };

  fetchManagedCatalogIfMissing(local);
  void reconcile();
  return { queueReady, reconcile, status, trackAudit: (auditId) => schedulerReady.then((s) => s.track(auditId)) };
}
