import { toCsv } from '../export/csv-writer';
import type { FleetAggregate } from './aggregate';

/** Column names: stable English identifiers, like the single-report CSV (utils/export/report-csv.ts). */
export const FLEET_CSV_COLUMNS = [
  'site', 'service_id', 'service', 'category', 'verdict', 'mechanism', 'reports', 'population', 'usage_share',
] as const;

/**
 * The fact table as CSV, one row per site × service × verdict × mechanism. Cells go
 * through the shared formula neutraliser (`toCsv`): site labels come from policies
 * and service names from custom catalogs, neither is trusted by a spreadsheet.
 */
export function fleetToCsv(agg: FleetAggregate): string {
  const share = new Map(agg.services.map((s) => [s.serviceId, s.usageShare]));
  const rows = agg.facts.map((f) => [
    f.site, f.serviceId, f.service, f.category, f.verdict, f.mechanism, f.reports, agg.population, share.get(f.serviceId) ?? null,
  ]);
  return '\uFEFF' + toCsv([[...FLEET_CSV_COLUMNS], ...rows]);
}
