import type { ServiceEntry, UsageFigure } from './schema';
import type { Population } from './types';

/** A usage figure with a published share (`share: null` records a search that found none). */
export type PublishedFigure = UsageFigure & { share: number };

const isPublished = (figure: UsageFigure): figure is PublishedFigure => figure.share !== null;

/**
 * The one usage figure used to weigh a service for a population: the most recent
 * figure with a published share; on a tie of years, the first listed (the catalog
 * lists the figure comparable with its neighbours first, e.g. Statista for both
 * Google and Bing). `undefined` = no published figure for that population.
 */
export function usageFor(service: Pick<ServiceEntry, 'usage'>, population: Population): PublishedFigure | undefined {
  let best: PublishedFigure | undefined;
  for (const figure of service.usage) {
    if (figure.population !== population || !isPublished(figure)) continue;
    if (!best || figure.year > best.year) best = figure;
  }
  return best;
}
