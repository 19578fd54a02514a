import type { Population } from '../catalog/types';
import type { Report } from '../report/types';
import { neutralise } from '../catalog/csv-columns';

/**
 * Make one value safe for a spreadsheet: a text cell starting with `= + - @`,
 * tab or CR gets a leading `'` so Excel/LibreOffice/Sheets show it as text
 * instead of running it (service names come from custom catalogs, error
 * strings and page titles from the network: none can be trusted).
 */
export function neutralizeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return typeof value === 'string' ? neutralise(text) : text;
}

/** Quote a cell per RFC 4180 when it holds a comma, quote or line break. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Rows to CSV text: neutralised, quoted, CRLF line ends (RFC 4180). */
export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  return rows.map((row) => row.map((cell) => quote(neutralizeCell(cell))).join(',')).join('\r\n') + '\r\n';
}

/** Column names: stable English identifiers, so scripts reading the CSV never depend on the UI language. */
export const CSV_COLUMNS = [
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
  return '\uFEFF' + toCsv([[...CSV_COLUMNS], ...rows]);
}
