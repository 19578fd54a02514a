import { browser } from 'wxt/browser';
import { openAccessGapDb } from '../store/db';
import type { StorageArea } from '../platform/storage-area';
import { loadRetentionPolicy } from '../settings/store';
import { auditStore } from '../store/audits';
import { NetErrorTracker } from '../probe/net-error-tracker';
import { createAuditService } from '../audit/audit-service';
import { connectNetErrorTracker } from '../browser/net-error-adapter';
import { createBrowserProbes } from '../browser/probes';
import { probeCallsInDocument } from '../probe/webrtc-offscreen';
import { withFirefoxTlsInfo } from '../browser/firefox-tls';
import { offerHostAccessOnInstall } from '../browser/firefox-permissions';
import { registerAuditHandlers, armResumeAlarm } from './audit-handlers';
import { registerHistoryHandlers } from './history-handlers';
import { registerCatalogHandlers } from './catalog-handlers';
import { managedCatalog, startFleet } from './fleet';
import { registerFleetHandlers } from './fleet-handlers';

/**
 * Everything the background does, registered synchronously at service-worker
 * start (listeners registered later would miss the events that woke it).
 */
export function registerBackground(): void {
  const tracker = new NetErrorTracker();
  connectNetErrorTracker(tracker);
  // Request probes, plus throughput (media vs control downloads) and calls (ICE gathering in an
  // offscreen document); on Firefox, responses also carry who signed the TLS chain.
  const probes = withFirefoxTlsInfo({ ...createBrowserProbes(tracker), calls: probeCallsInDocument });
  offerHostAccessOnInstall(); // Firefox MV3: host access is optional
  const storeReady = openAccessGapDb().then(auditStore);
  // Retention runs after every audit, scheduled or not, with the user's settings.
  const retention = () => loadRetentionPolicy(browser.storage.local as unknown as StorageArea);
  const serviceReady = storeReady.then((store) => createAuditService({ store, probes, retention }));
  // Managed deployment: scheduled audits (kept resumable by the same alarm) and report upload,
  // which also takes the audits employees start when IT configured an upload URL.
  const fleet = startFleet({ storeReady, serviceReady, onAuditStarted: armResumeAlarm });
  registerAuditHandlers(storeReady, serviceReady, fleet.trackAudit);
  registerHistoryHandlers(storeReady);
  registerCatalogHandlers(managedCatalog);
  registerFleetHandlers(fleet);
}
