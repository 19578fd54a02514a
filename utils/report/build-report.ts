import type { AuditRecord } from '../audit/types';
import type { ServiceVerdict } from '../verdict/types';
import type { Population } from '../catalog/types';
import { computeGap } from '../gap';
import { tlsInspectionCheck } from '../verdict/tls-inspection';
import { probedServices } from '../audit/plan';
import { evidenceUrl } from '../probe/evidence-url';
import { scrubServiceVerdict } from '../verdict/scrub-evidence';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, type Report, type ReportService } from './types';

export interface ReportContext {
  toolVersion: string;
  browser: { name: string; version: string };
  /** Set by the managed (fleet) upload only; user exports leave them out. */
  fleet?: { site?: string; organisation?: string; installId?: string };
}

/** Assemble the report of an audit from its stored record and verdicts. */
export function buildReport(audit: AuditRecord, stored: ServiceVerdict[], ctx: ReportContext): Report {
  // Audits stored before evidence URLs were reduced at the probe still hold query strings (docs/privacy.md).
  const verdicts = stored.map(scrubServiceVerdict);
  const byId = new Map(verdicts.map((v) => [v.serviceId, v]));
  const services: ReportService[] = probedServices(audit.catalog).flatMap((s) => {
    const v = byId.get(s.id);
    if (!v) return [];
    return [
      {
        id: s.id,
        name: s.name,
        category: s.category,
        usage: s.usage,
        verdict: v.verdict,
        ...(v.mechanism ? { mechanism: v.mechanism } : {}),
        channels: v.channels,
      },
    ];
  });
  const populations = [...new Set(audit.catalog.services.flatMap((s) => s.usage.map((u) => u.population)))] as Population[];
  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: audit.id,
    status: audit.status,
    trigger: audit.trigger,
    startedAt: new Date(audit.startedAt).toISOString(),
    ...(audit.finishedAt !== undefined ? { finishedAt: new Date(audit.finishedAt).toISOString() } : {}),
    tool: { name: 'Access Gap', version: ctx.toolVersion },
    browser: ctx.browser,
    tlsInspection: tlsInspectionCheck(ctx.browser.name),
    catalog: {
      name: audit.catalog.name,
      version: audit.catalog.version,
      hash: audit.catalogHash,
      services: probedServices(audit.catalog).length,
    },
    ...ctx.fleet,
    options: audit.options,
    control: {
      ok: audit.control?.ok ?? false,
      ...(audit.control?.reason ? { reason: audit.control.reason } : {}),
      ...(audit.control?.signIn ? { signIn: audit.control.signIn } : {}),
      checks: (audit.control?.observations ?? []).map((o) => ({
        url: evidenceUrl(o.url),
        ...(o.status !== undefined ? { status: o.status } : {}),
        ...(o.netError ? { netError: o.netError } : {}),
        ...(o.timedOut ? { timedOut: true } : {}),
        ms: o.timings.totalMs,
      })),
    },
    services,
    // Behind a sign-in portal nothing was measured: no score rather than a meaningless one.
    gap: audit.control?.signIn ? [] : populations.sort().map((population) => computeGap(audit.catalog, verdicts, population)),
  };
}
