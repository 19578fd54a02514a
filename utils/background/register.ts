import { browser } from 'wxt/browser';
import * as v from 'valibot';
import { CatalogSchema } from '../catalog/schema';
import type { Catalog } from '../catalog/types';
import { catalogHash } from '../catalog/hash';
import { openAccessGapDb } from '../store/db';
import { auditStore } from '../store/audits';
import { NetErrorTracker } from '../probe/net-error-tracker';
import { createAuditService } from '../audit/audit-service';
import { readAuditState } from '../audit/state';
import { buildReport } from '../report/build-report';
import { onMessage } from '../messaging';
import { connectNetErrorTracker } from '../browser/net-error-adapter';
import { createBrowserProbes } from '../browser/probes';
import { browserThroughput } from '../probe/throughput-browser';
import { probeCallsInDocument } from '../probe/webrtc-offscreen';
import { assertOwnPage } from '../browser/own-pages';
import { browserInfo } from '../browser/browser-info';
import { withFirefoxTlsInfo } from '../browser/firefox-tls';
import { assertHostAccess, offerHostAccessOnInstall } from '../browser/firefox-permissions';
import { registerHistoryHandlers } from './history-handlers';
import { registerCatalogHandlers, resolveActiveCatalog } from './catalog-handlers';
import { managedCatalog, registerFleet } from '../schedule/register-fleet';

const RESUME_ALARM = 'resume-audit';

/**
 * Everything the background does, registered synchronously at service-worker
 * start (listeners registered later would miss the events that woke it).
 */
export function registerBackground(): void {
  const tracker = new NetErrorTracker();
  connectNetErrorTracker(tracker);
  // Throughput (media vs control downloads) and calls (ICE gathering in an offscreen document) extend the request probes.
  const requestProbes = { ...createBrowserProbes(tracker), throughput: browserThroughput, calls: probeCallsInDocument };
  // Firefox only (both return the probes unchanged on Chrome): TLS inspection by certificate owner, late error events.
  const probes = withFirefoxTlsInfo(requestProbes);
  offerHostAccessOnInstall(); // Firefox MV3: host access is optional
  const storeReady = openAccessGapDb().then(auditStore);
  registerHistoryHandlers(storeReady);
  registerCatalogHandlers(managedCatalog);
  const serviceReady = storeReady.then((store) =>
    createAuditService({ store, probes, onProgress: () => {} }),
  );


  onMessage('startAudit', async ({ data, sender }) => {
    assertOwnPage(sender);
    await assertHostAccess(); // never report everything blocked for want of a permission
    const catalog: Catalog = data.catalog ? v.parse(CatalogSchema, data.catalog) : (await resolveActiveCatalog(managedCatalog)).catalog;
    const service = await serviceReady;
    const started = await service.start({
      catalog,
      catalogHash: await catalogHash(catalog),
      trigger: data.trigger ?? 'user',
      ...(data.options ? { options: data.options } : {}),
    });
    // A periodic alarm wakes a stopped service worker so the audit resumes.
    await browser.alarms.create(RESUME_ALARM, { periodInMinutes: 0.5 });
    return started;
  });

  onMessage('getAuditState', async ({ data, sender }) => {
    assertOwnPage(sender);
    return readAuditState(await storeReady, data.auditId);
  });

  onMessage('getReport', async ({ data, sender }) => {
    assertOwnPage(sender);
    const store = await storeReady;
    const audit = await store.getAudit(data.auditId);
    if (!audit) return null;
    return buildReport(audit, await store.verdicts(audit.id), {
      toolVersion: browser.runtime.getManifest().version,
      browser: browserInfo(),
    });
  });

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== RESUME_ALARM) return;
    const resumed = await (await serviceReady).resumeRunning();
    if (resumed === 0) await browser.alarms.clear(RESUME_ALARM);
  });
  void serviceReady.then((service) => service.resumeRunning());
  // Managed deployment: scheduled audits (kept resumable by the same alarm) and report upload.
  registerFleet({ storeReady, serviceReady, onAuditStarted: () => void browser.alarms.create(RESUME_ALARM, { periodInMinutes: 0.5 }) });
}
