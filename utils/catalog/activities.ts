import type { Population } from './types';
import compiled from './activities.json';

/**
 * Category figures: the share of a population that does an activity (watches online
 * video, uses instant messaging, calls over the internet…), per catalog category.
 * They describe how much a category weighs among customers; they are never used to
 * give a service a share (docs/usage-figures.md). Compiled and validated from
 * `data/usage/` by `npm run catalog:usage` (schema in `usage-sources.ts`), so pages
 * read them without bundling a validator.
 */
export interface ActivityFigure {
  category: string;
  population: Population;
  /** Share of the population doing the activity, 0..1. */
  share: number;
  metric: string;
  source: string;
  year: number;
  url: string;
}

export const ACTIVITIES = compiled as readonly ActivityFigure[];

/** The category figure for a population: the most recent one, the first listed on a tie. */
export function activityFor(
  category: string,
  population: Population,
  figures: readonly ActivityFigure[] = ACTIVITIES,
): ActivityFigure | undefined {
  let best: ActivityFigure | undefined;
  for (const f of figures) if (f.category === category && f.population === population && (!best || f.year > best.year)) best = f;
  return best;
}
