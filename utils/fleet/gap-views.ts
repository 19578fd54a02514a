import type { Catalog } from '../catalog/types';
import type { Population } from '../catalog/types';
import { computeGap } from '../gap';
import type { ServiceVerdict } from '../verdict/types';
import { NO_SITE, cmp } from './facts';
import type { FleetReport } from './report-schema';

/** Mean usage-weighted blocked share of one site in one category. */
export interface HeatCell {
  site: string;
  category: string;
  /** Mean of the reports' blocked shares (computeGap), or null when none had a weighted service. */
  blockedShare: number | null;
  /** Reports whose share counted. */
  reports: number;
}

/** One UTC day of the fleet. */
export interface TrendPoint {
  day: string;
  reports: number;
  /** Mean overall blocked share of that day's reports (null when none could be weighted). */
  blockedShare: number | null;
}

interface Mean {
  sum: number;
  n: number;
}

/**
 * The gap of every report, computed with `computeGap` (the one definition of the
 * score), against the catalog the report itself carries: a fleet may run several
 * catalog versions, and each report is weighed by the services it probed.
 */
export function gapViews(reports: readonly FleetReport[], population: Population): { heatmap: HeatCell[]; trend: TrendPoint[] } {
  const catalogs = new Map<string, Catalog>();
  const cells = new Map<string, HeatCell & Mean>();
  const days = new Map<string, TrendPoint & Mean>();
  for (const report of reports) {
    const catalog = catalogOf(report, catalogs);
    const verdicts: ServiceVerdict[] = report.services.map((s) => ({ serviceId: s.id, verdict: s.verdict, channels: [] }));
    const gap = computeGap(catalog, verdicts, population);
    const site = report.site ?? NO_SITE;
    for (const c of gap.byCategory) {
      const key = `${site}\u0000${c.category}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { site, category: c.category, blockedShare: null, reports: 0, sum: 0, n: 0 }));
      add(cell, c.blockedShare);
    }
    const day = report.startedAt.slice(0, 10);
    let point = days.get(day);
    if (!point) days.set(day, (point = { day, reports: 0, blockedShare: null, sum: 0, n: 0 }));
    point.reports++;
    if (gap.overall.blockedShare !== null) {
      point.sum += gap.overall.blockedShare;
      point.n++;
    }
  }
  const heatmap = [...cells.values()]
    .map(({ sum, n, ...cell }) => ({ ...cell, reports: n, blockedShare: n ? sum / n : null }))
    .sort((a, b) => cmp(a.site, b.site) || cmp(a.category, b.category));
  const trend = [...days.values()]
    .map(({ sum, n, ...p }) => ({ ...p, blockedShare: n ? sum / n : null }))
    .sort((a, b) => cmp(a.day, b.day));
  return { heatmap, trend };
}

function add(mean: Mean, value: number | null) {
  if (value === null) return;
  mean.sum += value;
  mean.n++;
}

/**
 * A catalog rebuilt from the report's services (what `computeGap` reads: ids,
 * categories, usage), cached by catalog hash + size so 10 000 reports of one
 * catalog build it once.
 */
function catalogOf(report: FleetReport, cache: Map<string, Catalog>): Catalog {
  const key = `${report.catalog.hash}\u0000${report.catalog.version}\u0000${report.services.length}`;
  let catalog = cache.get(key);
  if (!catalog) {
    catalog = {
      schemaVersion: 1,
      name: report.catalog.name || 'fleet',
      version: report.catalog.version,
      services: report.services.map((s) => ({ id: s.id, name: s.name, category: s.category, usage: s.usage, channels: {} })),
    };
    cache.set(key, catalog);
  }
  return catalog;
}
