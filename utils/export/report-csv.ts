import type { Population } from '../catalog/types';
import type { Report } from '../report/types';
import { toCsv } from './csv-writer';

/** Column names: stable English identifiers, so scripts reading the CSV never depend on the UI language. */
export const REPORT_CSV_COLUMNS = [
  'audit_id', 'audit_started_at', 'service_id', 'service', 'category', 'population', 'usage_share',
  'service_verdict', 'service_mechanism', 'channel', 'channel_verdict', 'channel_mechanism', 'reason',
  'url', 'net_error', 'http_status', 'final_host', 'block_page_vendor', 'total_ms', 'detail',
] as const;

/**
 * The report as CSV, one row per service channel (evidence included), usage
 * figures for one population. A leading BOM makes Excel read it as UTF-8.
 */
export function reportToCsv(report: Report, population: Population): string {
  const rows = report.services.flatMap((s) => {
    const share = s.usage.find((u) => u.population === population && u.share !== null)?.share ?? null;
    return s.channels.map((c) => [
      report.id, report.startedAt, s.id, s.name, s.category, population, share,
      s.verdict, s.mechanism, c.channel, c.verdict, c.mechanism, c.reason,
      c.evidence.url, c.evidence.netError, c.evidence.status, c.evidence.finalHost,
      c.evidence.fingerprint?.vendor, c.evidence.timings.totalMs, c.evidence.detail,
    ]);
  });
  return '\uFEFF' + toCsv([[...REPORT_CSV_COLUMNS], ...rows]);
}
