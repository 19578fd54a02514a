import { activityFor, ACTIVITIES, type ActivityFigure } from '../catalog/activities';
import type { GapScore } from '../gap';
import type { AuditSummary } from '../history/summary';
import type { Population } from '../catalog/types';

/** One bar pair of the usage/reachability chart. */
export interface CategoryBar {
  category: string;
  /** This category's part of all weighted customer usage, 0..1. */
  usageShare: number;
  /** Part of this category's usage that is reachable (neither blocked nor degraded), 0..1. */
  reachableShare: number;
}

/**
 * Chart series from the gap score's own per-category tallies (no gap maths
 * here): usage = category weight ÷ overall weight; reachable = 1 − blocked − degraded.
 * Categories with no weighted service are left out (they would read as 0 %).
 */
export function categoryBars(gap: GapScore): CategoryBar[] {
  const total = gap.overall.weight;
  if (total <= 0) return [];
  return gap.byCategory
    .filter((c) => c.weight > 0 && c.blockedShare !== null)
    .map((c) => ({
      category: c.category,
      usageShare: c.weight / total,
      reachableShare: Math.max(0, 1 - (c.blockedShare ?? 0) - (c.degradedShare ?? 0)),
    }));
}

/** One category of the per-category tables (dashboard, trainer's gap slide). */
export interface CategoryRow {
  category: string;
  /** This category's part of all weighted customer usage; `null` when none of its services has a figure. */
  usageShare: number | null;
  /** Usage-weighted blocked and degraded shares within the category; `null` when nothing is weighted. */
  blockedShare: number | null;
  degradedShare: number | null;
  /** Share of the population doing this activity (watch online video, instant messaging…); `null` when none is published. */
  activity: ActivityFigure | null;
  /** Services of the category found blocked, with or without a figure: a category without figures still says what is blocked. */
  blockedServices: number;
  /** Services of the category with a conclusive verdict, with or without a figure. */
  conclusiveServices: number;
}

/**
 * Every category that says something about customers: those with weighted services
 * (their part of customer usage and what is blocked of it, from the gap score) and
 * those with only a category figure, which shows how many customers do the activity
 * without inventing a share for any of its services. Most used first, then by activity.
 */
export function categoryRows(gap: GapScore, activities: readonly ActivityFigure[] = ACTIVITIES): CategoryRow[] {
  const bars = new Map(categoryBars(gap).map((b) => [b.category, b]));
  return gap.byCategory
    .map((c) => ({
      category: c.category,
      usageShare: bars.get(c.category)?.usageShare ?? null,
      blockedShare: bars.has(c.category) ? c.blockedShare : null,
      degradedShare: bars.has(c.category) ? c.degradedShare : null,
      activity: activityFor(c.category, gap.population, activities) ?? null,
      blockedServices: c.ids.blocked.length + c.ids.withoutFigureBlocked.length,
      conclusiveServices: c.weightedServices + c.withoutFigure,
    }))
    .filter((r) => r.usageShare !== null || r.activity !== null)
    .sort(
      (a, b) =>
        (b.usageShare ?? -1) - (a.usageShare ?? -1) ||
        (b.activity?.share ?? -1) - (a.activity?.share ?? -1) ||
        a.category.localeCompare(b.category),
    );
}

/** Points of the gap-over-time chart: finished audits, oldest first, with a score for the population. */
export function gapHistory(audits: AuditSummary[], population: Population) {
  return audits
    .filter((a) => a.status === 'complete')
    .flatMap((a) => {
      const overall = a.gap.find((g) => g.population === population)?.overall;
      const blocked = overall?.blockedShare;
      return overall && blocked !== null && blocked !== undefined ? [{ at: a.startedAt, id: a.id, blocked, degraded: overall.degradedShare ?? 0 }] : [];
    })
    .sort((a, b) => a.at - b.at);
}

const HALF_DAY_S = 43_200;

/**
 * The gap chart's time axis, in seconds (uPlot's unit), from the audits' own times. uPlot's
 * automatic range gives a lone point 86,400 / 0.001 seconds — about 2.7 years — so one audit
 * from December 2026 drew an axis to 2029. Audits less than a day apart (one audit, or a few
 * the same morning) get a day around their middle; otherwise the axis spans first to last.
 */
export function historyTimeRange(atMs: readonly number[]): [number, number] {
  const seconds = atMs.map((at) => at / 1000);
  const min = Math.min(...seconds);
  const max = Math.max(...seconds);
  if (max - min >= 2 * HALF_DAY_S) return [min, max];
  const middle = (min + max) / 2;
  return [middle - HALF_DAY_S, middle + HALF_DAY_S];
}
