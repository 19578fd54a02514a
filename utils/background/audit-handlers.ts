import { browser } from 'wxt/browser';
import * as v from 'valibot';
import { CatalogSchema } from '../catalog/schema';
import type { Catalog } from '../catalog/types';
import { catalogHash } from '../catalog/hash';
import type { AuditStore } from '../store/audits';
import type { AuditService } from '../audit/audit-service';
import { readAuditState } from '../audit/state';
import { assertHostAccess } from '../browser/firefox-permissions';
import { resolveActiveCatalog } from './catalog-handlers';
import { managedCatalog } from './fleet';
import { handle } from './handle';
import { reportOf } from './report';
import { employeeAuditFilter } from '../managed/audit-visibility';

const RESUME_ALARM = 'resume-audit';

/**
 * A periodic alarm wakes a service worker the browser stopped mid-audit, and
 * the new worker resumes the audit. Cleared once nothing is running.
 */
export function armResumeAlarm(): void {
  void browser.alarms.create(RESUME_ALARM, { periodInMinutes: 0.5 });
}

/** Start, follow and report audits; resume any audit a stopped worker left running. */
export function registerAuditHandlers(
  storeReady: Promise<AuditStore>,
  serviceReady: Promise<AuditService>,
  onStarted: (auditId: string) => Promise<void> = async () => {},
): void {
  handle('startAudit', async (data) => {
    await assertHostAccess(); // never report everything blocked for want of a permission
    const catalog: Catalog = data.catalog
      ? v.parse(CatalogSchema, data.catalog)
      : (await resolveActiveCatalog(managedCatalog)).catalog;
    const started = await (await serviceReady).start({
      catalog,
      catalogHash: await catalogHash(catalog),
      trigger: data.trigger ?? 'user',
      ...(data.options ? { options: data.options } : {}),
    });
    armResumeAlarm();
    // Not awaited: tracking reads the policy (seconds at a browser session's first read, see
    // employeeAuditFilter), and the page waits for this answer to show progress.
    if (!started.joined) void onStarted(started.auditId).catch((error: unknown) => console.error('fleet: track', error));
    return started;
  });

  // IT's policy may keep its scheduled audits from the employee: read as absent, on every page.
  // Only a scheduled audit (or "the latest") needs the policy to be read (see employeeAuditFilter).
  handle('getAuditState', async ({ auditId, summary }) => readAuditState(await storeReady, auditId, employeeAuditFilter, { summary: summary === true }));
  handle('getReport', async ({ auditId }) => reportOf(await storeReady, auditId, { filterFor: employeeAuditFilter }));

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== RESUME_ALARM) return;
    const resumed = await (await serviceReady).resumeRunning();
    if (resumed === 0) await browser.alarms.clear(RESUME_ALARM);
  });
  void serviceReady.then((service) => service.resumeRunning());
}
