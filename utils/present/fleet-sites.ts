import type { Population } from '../catalog/types';
import { aggregateFleet, defaultFleetPopulation, type FleetAggregate } from '../fleet/aggregate';
import type { FleetReport } from '../fleet/validate-report';

/** One site row of the fleet slide: blocked share per category (from the fleet's heatmap). */
export interface FleetSiteRow {
  /** `''` for reports sent without a site label. */
  site: string;
  /** Complete reports from this site. */
  reports: number;
  /** Blocked share per category, in `FleetSlideData.categories` order; null = no weighted service. */
  cells: (number | null)[];
}

export interface FleetSlideData {
  population: Population;
  reports: number;
  organisations: string[];
  firstAt: string;
  lastAt: string;
  categories: string[];
  sites: FleetSiteRow[];
  /** Fleet-wide top blocked services (usage-weighted), with where they are blocked. */
  top: FleetAggregate['services'];
}

/**
 * The fleet slide from imported reports, through the fleet's own aggregation
 * (`aggregateFleet`: computeGap per report, mean per site × category), reduced to
 * what fits a slide: the `maxCategories` categories that carry the most customer
 * usage (by the catalog's figures) and at most `maxSites` sites. `null` when no
 * complete report was imported. When the reports have no figure for the deck's
 * population, the fleet's own default population weighs them (and the slide names it).
 */
export function fleetSlideData(
  reports: readonly FleetReport[],
  population: Population,
  maxCategories = 5,
  maxSites = 6,
): FleetSlideData | null {
  let agg = aggregateFleet(reports, population);
  if (agg.reports === 0) return null;
  if (!agg.populations.includes(population) && agg.populations.length) agg = aggregateFleet(reports, defaultFleetPopulation(reports));
  const complete = reports.filter((r) => r.status === 'complete');
  const usageOf = new Map<string, number>();
  for (const s of agg.services) usageOf.set(s.category, (usageOf.get(s.category) ?? 0) + (s.usageShare ?? 0));
  const categories = [...new Set(agg.heatmap.filter((c) => c.blockedShare !== null).map((c) => c.category))]
    .sort((a, b) => (usageOf.get(b) ?? 0) - (usageOf.get(a) ?? 0) || a.localeCompare(b))
    .slice(0, maxCategories);
  const cell = new Map(agg.heatmap.map((c) => [`${c.site}\u0000${c.category}`, c.blockedShare]));
  const sites = agg.sites.slice(0, maxSites).map((site) => ({
    site,
    reports: complete.filter((r) => (r.site ?? '') === site).length,
    cells: categories.map((c) => cell.get(`${site}\u0000${c}`) ?? null),
  }));
  const times = complete.map((r) => r.startedAt).sort();
  const [firstAt] = times;
  const lastAt = times.at(-1);
  // Complete reports only are aggregated, so with any there is a period; without, nothing to draw.
  if (firstAt === undefined || lastAt === undefined) return null;
  return {
    population: agg.population,
    reports: agg.reports,
    organisations: [...new Set(complete.map((r) => r.organisation).filter((o): o is string => !!o))].sort(),
    firstAt,
    lastAt,
    categories,
    sites,
    top: agg.services.filter((s) => s.blocked > 0).slice(0, 3),
  };
}
