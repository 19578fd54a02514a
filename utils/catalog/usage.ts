import type { ServiceEntry, UsageFigure } from './schema';
import type { Population } from './types';

/**
 * The one usage figure used to weigh a service for a population: the most recent
 * figure with a published share; on a tie of years, the first listed (the catalog
 * lists the figure comparable with its neighbours first, e.g. Statista for both
 * Google and Bing). `undefined` = no published figure for that population.
 */
export function usageFor(service: Pick<ServiceEntry, 'usage'>, population: Population): UsageFigure | undefined {
  let best: UsageFigure | undefined;
  for (const figure of service.usage) {
    if (figure.population !== population || figure.share === null) continue;
    if (!best || figure.year > best.year) best = figure;
  }
  return best;
}
