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

/** Points of the gap-over-time chart: finished audits, oldest first, with a score for the population. */
export function gapHistory(audits: AuditSummary[], population: Population) {
  return audits
    .filter((a) => a.status === 'complete')
    .map((a) => ({ at: a.startedAt, id: a.id, overall: a.gap.find((g) => g.population === population)?.overall }))
    .filter((p): p is { at: number; id: string; overall: NonNullable<typeof p.overall> } => p.overall?.blockedShare != null)
    .sort((a, b) => a.at - b.at)
    .map((p) => ({ at: p.at, id: p.id, blocked: p.overall.blockedShare!, degraded: p.overall.degradedShare ?? 0 }));
}
