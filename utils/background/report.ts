import { browser } from 'wxt/browser';
import type { AuditStore } from '../store/audits';
import { visibleAudit, type AuditFilterFor } from '../audit/state';
import { buildReport, type ReportContext } from '../report/build-report';
import type { Report } from '../report/types';
import { browserInfo } from '../browser/browser-info';

/**
 * The report of a stored audit, the one way the background makes one: for the pages
 * (`getReport`) and for the fleet upload, which adds the policy's site, organisation and
 * the install id. Null when the audit is gone, or is not one `filterFor` lets the reader see.
 */
export async function reportOf(
  store: AuditStore,
  auditId: string,
  { fleet, filterFor = async () => () => true }: { fleet?: ReportContext['fleet']; filterFor?: AuditFilterFor } = {},
): Promise<Report | null> {
  const audit = await visibleAudit(store, auditId, filterFor);
  if (!audit) return null;
  return buildReport(audit, await store.verdicts(audit.id), {
    toolVersion: browser.runtime.getManifest().version,
    browser: browserInfo(),
    ...(fleet ? { fleet } : {}),
  });
}
