import type { Catalog } from '../catalog/schema';
import type { Population } from '../catalog/types';
import type { GapScore } from '../gap';
import type { ReportService } from '../report/types';
import type { Mechanism } from '../verdict/types';
import type { ActivityFigure } from '../catalog/activities';
import { categoryRows, type CategoryRow } from '../ui/chart-data';
import { shareOf } from '../ui/share';
import { serviceName } from './usage-bars';

/** A service of the founding complaint that is gone, and what replaced it. */
export interface RetiredService {
  id: string;
  name: string;
  year: number;
  /** The successor's name from the catalog, or `null` when none is free (Ning). */
  successor: string | null;
}

/** Retired services (MSN, Google Talk, Skype, Ning) in closing order, with successors resolved by id and named in `locale`. */
export function retiredServices(catalog: Catalog, locale = 'en'): RetiredService[] {
  const byId = new Map(catalog.services.map((s) => [s.id, s]));
  return catalog.services
    .filter((s) => s.retired)
    .map((s) => ({
      id: s.id,
      name: s.name,
      year: s.retired!.year,
      successor: ((id) => (id && byId.get(id) ? serviceName(byId.get(id)!, locale) : null))(s.retired!.successorId),
    }))
    .sort((a, b) => a.year - b.year || a.name.localeCompare(b.name));
}

/** One row of the gap slide: a category's part of customer usage, how many customers do the activity, what is blocked. */
export type GapRow = CategoryRow;

/**
 * The gap score's own per-category tallies next to the category figures, most used
 * category first. No gap maths here: shares come from `computeGap` (via the report),
 * `categoryRows` and the compiled category figures.
 */
export function gapRows(gap: GapScore, activities?: readonly ActivityFigure[]): GapRow[] {
  return categoryRows(gap, activities);
}

/** What to ask IT about one blocking mechanism, and the services it blocks here. */
export interface AskItem {
  mechanism: Mechanism;
  services: string[];
}

/**
 * The audit's blocked and degraded services grouped by what blocked them, the
 * mechanism whose services customers use most first: each group is one concrete
 * question for IT (which rule, whose decision, for which teams).
 */
export function askIt(services: readonly ReportService[], population: Population, limit = 4): AskItem[] {
  const groups = new Map<Mechanism, { names: { name: string; share: number }[]; weight: number }>();
  for (const s of services) {
    if (!s.mechanism || !['blocked', 'partial', 'throttled'].includes(s.verdict)) continue;
    const share = shareOf(s, population) ?? 0;
    const group = groups.get(s.mechanism) ?? { names: [], weight: 0 };
    group.names.push({ name: s.name, share });
    group.weight += share;
    groups.set(s.mechanism, group);
  }
  return [...groups]
    .sort(([ma, a], [mb, b]) => b.weight - a.weight || b.names.length - a.names.length || ma.localeCompare(mb))
    .slice(0, limit)
    .map(([mechanism, g]) => ({
      mechanism,
      services: g.names.sort((a, b) => b.share - a.share || a.name.localeCompare(b.name)).map((n) => n.name),
    }));
}
