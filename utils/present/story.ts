import type { Catalog } from '../catalog/schema';
import type { Population } from '../catalog/types';
import type { GapScore } from '../gap';
import type { ActivityFigure } from '../catalog/activities';
import { categoryRows, type CategoryRow } from '../ui/chart-data';
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
    .flatMap(({ id, name, retired }) => {
      if (!retired) return [];
      const successor = retired.successorId === undefined ? undefined : byId.get(retired.successorId);
      return [{ id, name, year: retired.year, successor: successor ? serviceName(successor, locale) : null }];
    })
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

