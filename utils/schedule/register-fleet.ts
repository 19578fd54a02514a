import { browser } from 'wxt/browser';
import type { AuditService } from '../audit/audit-service';
import { browserInfo } from '../browser/browser-info';
import { assertOwnPage } from '../browser/own-pages';
import { cachedManagedCatalog, chooseCatalog } from '../managed/catalog-source';
import { installId } from '../managed/install-id';
import { readManagedConfig } from '../managed/read';
import { onMessage } from '../messaging';
import { buildReport } from '../report/build-report';
import type { AuditStore } from '../store/audits';
import { openUploadDb } from '../upload/db';
import { uploadQueue } from '../upload/queue';
import { createUploader } from '../upload/uploader';
import { effectiveSchedule, SCHEDULE_ALARM } from './plan';
import { createScheduler } from './scheduler';
import { fleetStatus } from './status';
import { loadUserSchedule, saveUserSchedule } from './user-schedule';

/** IT's catalog for user-started audits and the catalog panel (`resolveActiveCatalog(managedCatalog)`). */
export async function managedCatalog() {
  return cachedManagedCatalog((await readManagedConfig()).catalogUrl, browser.storage.local);
}

/**
 * Managed deployment in the background: scheduled audits, the upload queue and
 * the fleet messages. Listeners are added synchronously (an alarm that woke the
 * worker must find its listener); everything else waits for the stores.
 */
export function registerFleet(deps: { storeReady: Promise<AuditStore>; serviceReady: Promise<AuditService>; onAuditStarted: () => void }): {
  trackAudit(auditId: string): Promise<void>;
} {
  const local = browser.storage.local;
  const queueReady = openUploadDb().then((db) => uploadQueue(db));
  const schedulerReady = Promise.all([deps.storeReady, deps.serviceReady, queueReady]).then(([store, service, queue]) =>
    createScheduler({
      alarms: browser.alarms,
      local,
      readConfig: () => readManagedConfig(),
      readUserSchedule: () => loadUserSchedule(local),
      service,
      store,
      queue,
      uploader: createUploader({ queue }),
      chooseCatalog: (url) => chooseCatalog(url, local),
      async reportFor(auditId, config) {
        const audit = await store.getAudit(auditId);
        if (!audit) return null;
        const fleet = {
          ...(config.site ? { site: config.site } : {}),
          ...(config.organisation ? { organisation: config.organisation } : {}),
          installId: await installId(local),
        };
        return buildReport(audit, await store.verdicts(auditId), { toolVersion: browser.runtime.getManifest().version, browser: browserInfo(), fleet });
      },
      onAuditStarted: deps.onAuditStarted,
    }),
  );
  const reconcile = () => schedulerReady.then((s) => s.reconcile()).catch((error: unknown) => console.error('fleet: schedule', error));

  browser.alarms.onAlarm.addListener((alarm) => {
    void schedulerReady.then((s) => s.onAlarm(alarm.name)).catch((error: unknown) => console.error('fleet: alarm', error));
  });
  // A new or changed policy applies at once, without a browser restart.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void reconcile();
  });

  const status = async () => {
    const [scheduler, queue, config] = await Promise.all([schedulerReady, queueReady, readManagedConfig()]);
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
  onMessage('getFleetStatus', async ({ sender }) => {
    assertOwnPage(sender);
    return status();
  });
  // Dead letters: the employee exports a refused report (exactly as it would be sent) or removes it.
  onMessage('getDeadLetter', async ({ data, sender }) => {
    assertOwnPage(sender);
    const letter = await (await queueReady).deadLetter(data.id);
    return letter ? JSON.stringify(letter.report) : null;
  });
  onMessage('removeDeadLetter', async ({ data, sender }) => {
    assertOwnPage(sender);
    await (await queueReady).removeDeadLetter(data.id);
    return status();
  });
  onMessage('setUserSchedule', async ({ data, sender }) => {
    assertOwnPage(sender);
    const config = await readManagedConfig();
    if (config.scheduleHours !== undefined && !config.employeeCanDisableSchedule) throw new Error('the schedule is set by your IT department');
    await saveUserSchedule(local, data);
    await reconcile();
    return status();
  });

  void reconcile();
  return { trackAudit: (auditId) => schedulerReady.then((s) => s.track(auditId)) };
}
