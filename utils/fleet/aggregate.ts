import { POPULATIONS, type Population } from '../catalog/types';
import { buildFacts, cmp, summariseServices, type FleetFact, type FleetServiceSummary } from './facts';
import { gapViews, type HeatCell, type TrendPoint } from './gap-views';
import type { FleetReport } from './report-schema';

export { NO_SITE, type FleetFact, type FleetServiceSummary } from './facts';
export type { HeatCell, TrendPoint } from './gap-views';

/** Everything the fleet page shows and exports, computed from validated reports. */
export interface FleetAggregate {
  population: Population;
  /** Reports aggregated (complete audits). */
  reports: number;
  /** Reports left out because the audit did not complete (failed, or still running when sent). */
  incomplete: number;
  /** Reports whose connectivity control failed: every verdict in them is inconclusive. */
  controlFailed: number;
  sites: string[];
  categories: string[];
  /** Populations some report has a usage figure for, in the catalog's order. */
  populations: Population[];
  facts: FleetFact[];
  services: FleetServiceSummary[];
  heatmap: HeatCell[];
  trend: TrendPoint[];
}

/**
 * Aggregate a fleet's reports: site × service × mechanism facts, top blocked
 * services weighted by customer usage, the site × category heatmap and the daily
 * trend. Pure; the same input always gives the same output.
 */
export function aggregateFleet(all: readonly FleetReport[], population: Population): FleetAggregate {
  const reports = all.filter((r) => r.status === 'complete');
  const sites = new Set<string>();
  const categories = new Set<string>();
  const populations = new Set<Population>();
  for (const r of reports) {
    sites.add(r.site ?? '');
    for (const s of r.services) {
      categories.add(s.category);
      for (const u of s.usage) if (u.share !== null) populations.add(u.population);
    }
  }
  const { heatmap, trend } = gapViews(reports, population);
  return {
    population,
    reports: reports.length,
    incomplete: all.length - reports.length,
    controlFailed: reports.filter((r) => !r.control.ok).length,
    sites: [...sites].sort(cmp),
    categories: [...categories].sort(cmp),
    populations: POPULATIONS.filter((p) => populations.has(p)),
    facts: buildFacts(reports),
    services: summariseServices(reports, population),
    heatmap,
    trend,
  };
}

/** The population to weigh by when the user has not chosen: WORLD when present, else the first with figures. */
export function defaultFleetPopulation(reports: readonly FleetReport[]): Population {
  const seen = new Set<Population>();
  for (const r of reports.slice(0, 50)) for (const s of r.services) for (const u of s.usage) if (u.share !== null) seen.add(u.population);
  return seen.has('WORLD') ? 'WORLD' : (POPULATIONS.find((p) => seen.has(p)) ?? 'WORLD');
}
