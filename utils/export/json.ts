import type { Report } from '../report/types';

/** The JSON export: exactly the Report the CLI writes (`utils/report/types.ts`), nothing added. */
export function reportToJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** `access-gap-2026-11-12T14-03-55.csv`: sortable, no characters file systems refuse. */
export function exportFileName(report: Pick<Report, 'startedAt'>, extension: 'json' | 'csv'): string {
  const stamp = report.startedAt.slice(0, 19).replaceAll(':', '-');
  return `access-gap-${stamp}.${extension}`;
}
