import type { Catalog } from '../catalog/types';
import type { Population } from '../catalog/types';
import { computeGap, type GapScore } from '../gap';
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
  const gaps = new Map<string, GapScore>();
  const cells = new Map<string, HeatCell & Mean>();
  const days = new Map<string, TrendPoint & Mean>();
  for (const report of reports) {
    const gap = gapOf(report, population, catalogs, gaps);
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

/** computeGap reads verdicts only: one shared empty list instead of half a million (GC is most of the cost). */
const NO_CHANNELS: ServiceVerdict['channels'] = [];

/** Verdict initials are unique (reachable, throttled, partial, blocked, inconclusive). */
const INITIAL = { reachable: 'r', throttled: 't', partial: 'p', blocked: 'b', inconclusive: 'i' } as const;

/**
 * `computeGap` of one report, memoised by catalog and verdict vector: browsers at
 * one site mostly see the same network, so a fleet repeats the same vectors, and
 * a repeat costs one short string instead of a gap computation.
 */
function gapOf(report: FleetReport, population: Population, catalogs: Map<string, Catalog>, cache: Map<string, GapScore>): GapScore {
  const catalog = catalogOf(report, catalogs);
  let signature = catalogKey(report) + '\u0000';
  for (const s of report.services) signature += INITIAL[s.verdict];
  let gap = cache.get(signature);
  if (!gap) {
    const verdicts: ServiceVerdict[] = report.services.map((s) => ({ serviceId: s.id, verdict: s.verdict, channels: NO_CHANNELS }));
    cache.set(signature, (gap = computeGap(catalog, verdicts, population)));
  }
  return gap;
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
  const key = catalogKey(report);
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

/** Reports of one catalog (hash, version) that probed the same number of services share one rebuilt catalog. */
function catalogKey(report: FleetReport): string {
  return `${report.catalog.hash}\u0000${report.catalog.version}\u0000${report.services.length}`;
}
