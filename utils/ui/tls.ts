import type { Report } from '../report/types';
import type { TlsInspection } from '../probe/tls-observation';
import type { TlsInspectionCheck } from '../verdict/tls-inspection';
import { tlsInspectionCheck } from '../verdict/tls-inspection';

/**
 * Who decrypts a connection, as the UI names it: "issuer (organisation)", the organisation
 * left out when the issuer already names it; undefined when the root has no name at all.
 */
export function inspectionOwner(tls: TlsInspection): string | undefined {
  const { issuer, organization } = tls;
  if (issuer && organization && !issuer.includes(organization)) return `${issuer} (${organization})`;
  return issuer ?? organization;
}

/**
 * Whether the report's browser could check TLS inspection. Older reports lack the field:
 * decided from the browser's name then (only Firefox shows extensions certificates).
 */
export function tlsCheckOf(report: Pick<Report, 'tlsInspection' | 'browser'>): TlsInspectionCheck {
  return report.tlsInspection ?? tlsInspectionCheck(report.browser.name);
}

/** Ids of the services with at least one TLS-inspected channel. */
export function inspectedServices(report: Pick<Report, 'services'>): string[] {
  return report.services.filter((s) => s.channels.some((c) => c.evidence.tls?.inspected)).map((s) => s.id);
}
