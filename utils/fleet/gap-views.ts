import type { Catalog } from '../catalog/types';
import type { Population } from '../catalog/types';
import { computeGap, type GapScore } from '../gap';
import type { ServiceVerdict } from '../verdict/types';
import { NO_SITE, cmp } from './facts';
import { utcDay } from './instant';
import type { FleetReport } from './report-schema';

/** Mean usage-weighted blocked and degraded shares of one site in one category. */
export interface HeatCell {
  site: string;
  category: string;
  /** Mean of the reports' blocked shares (computeGap), or null when none had a weighted service. */
  blockedShare: number | null;
  /** Same for throttled + partial. */
  degradedShare: number | null;
  /** Reports whose share counted. */
  reports: number;
}

/** One UTC day of the fleet. */
export interface TrendPoint {
  day: string;
  reports: number;
  /** Mean overall blocked share of that day's reports (null when none could be weighted). */
  blockedShare: number | null;
  degradedShare: number | null;
}

interface Mean {
  sum: number;
  degraded: number;
  n: number;
}

/**
 * The gap of every report, computed with `computeGap` (the one definition of the
 * score), against the catalog the report itself carries: a fleet may run several
 * catalog versions, and each report is weighed by the services it probed.
 */
export function gapViews(reports: readonly FleetReport[], population: Population): { heatmap: HeatCell[]; trend: TrendPoint[] } {
  const memo = createGapMemo();
  const cells = new Map<string, { site: string; category: string } & Mean>();
  const days = new Map<string, { day: string; reports: number } & Mean>();
  for (const report of reports) {
    const gap = memo(report, population);
    const site = report.site ?? NO_SITE;
    for (const c of gap.byCategory) {
      const key = `${site}\u0000${c.category}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { site, category: c.category, sum: 0, degraded: 0, n: 0 }));
      add(cell, c);
    }
    const day = utcDay(report.startedAt);
    let point = days.get(day);
    if (!point) days.set(day, (point = { day, reports: 0, sum: 0, degraded: 0, n: 0 }));
    point.reports++;
    add(point, gap.overall);
  }
  const heatmap = [...cells.values()]
    .map(({ sum, degraded, n, ...cell }) => ({ ...cell, ...means(sum, degraded, n), reports: n }))
    .sort((a, b) => cmp(a.site, b.site) || cmp(a.category, b.category));
  const trend = [...days.values()]
    .map(({ sum, degraded, n, ...p }) => ({ ...p, ...means(sum, degraded, n) }))
    .sort((a, b) => cmp(a.day, b.day));
  return { heatmap, trend };
}

/** blockedShare and degradedShare are null together (no weighted service), so one count serves both means. */
function add(mean: Mean, tally: { blockedShare: number | null; degradedShare: number | null }) {
  if (tally.blockedShare === null) return;
  mean.sum += tally.blockedShare;
  mean.degraded += tally.degradedShare ?? 0;
  mean.n++;
}

const means = (sum: number, degraded: number, n: number) => ({ blockedShare: n ? sum / n : null, degradedShare: n ? degraded / n : null });

/** computeGap reads verdicts only: one shared empty list instead of half a million (GC is most of the cost). */
const NO_CHANNELS: ServiceVerdict['channels'] = [];

/** Verdict initials are unique (reachable, throttled, partial, blocked, inconclusive). */
const INITIAL = { reachable: 'r', throttled: 't', partial: 'p', blocked: 'b', inconclusive: 'i' } as const;

/**
 * `computeGap` of one report, memoised by catalog, population and verdict vector:
 * browsers at one site mostly see the same network, so a fleet repeats the same
 * vectors, and a repeat costs one short string instead of a gap computation.
 * The collector uses the same memo when it stores a report's gap rows.
 */
export function createGapMemo(): (report: FleetReport, population: Population) => GapScore {
  const catalogs = new Map<string, Catalog>();
  const cache = new Map<string, GapScore>();
  return (report, population) => {
    const catalog = catalogOf(report, catalogs);
    let signature = `${catalogKey(report)}\u0000${population}\u0000`;
    for (const s of report.services) signature += INITIAL[s.verdict];
    let gap = cache.get(signature);
    if (!gap) {
      // Bounded: a hostile or very varied fleet must not grow the memo without end.
      if (cache.size > 50_000) cache.clear();
      const verdicts: ServiceVerdict[] = report.services.map((s) => ({ serviceId: s.id, verdict: s.verdict, channels: NO_CHANNELS }));
      cache.set(signature, (gap = computeGap(catalog, verdicts, population)));
    }
    return gap;
  };
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
