import type { Catalog } from '../catalog/schema';
import type { Population } from '../catalog/types';
import type { PublishedFigure } from '../catalog/usage';
import { usageFor } from '../catalog/usage';

/** A usage figure's source, short enough for a slide footnote. */
export interface FootnoteSource {
  /** 1-based number shown next to each bar that uses it. */
  n: number;
  /** Source without its parenthesised detail, e.g. `Pew Research Center, "Americans' Social Media Use"`. */
  name: string;
  year: number;
  /** The catalog flags figures taken from a secondary copy of the source; the slide says so. */
  secondary: boolean;
  url?: string;
}

/** One bar of the "what customers use" chart. */
export interface UsageBar {
  id: string;
  name: string;
  share: number;
  /** The footnote number of its source. */
  source: number;
}

export interface UsageChartData {
  bars: UsageBar[];
  sources: FootnoteSource[];
  /** Live services with no published figure for the population: counted, never drawn as 0 %. */
  withoutFigure: number;
  /** Their names, in catalog order. */
  withoutFigureNames: string[];
  /** Services with a figure but beyond `limit`. */
  notShown: number;
}

/** A service's name in the deck's language: the catalog's French name when it has one. */
export function serviceName(service: { name: string; nameFr?: string | undefined }, locale: string): string {
  return locale === 'fr' && service.nameFr ? service.nameFr : service.name;
}

/** `Pew …, "Title" (survey …, n = …)` → `Pew …, "Title"`. */
export function shortSource(source: string): string {
  return source.replace(/\s*\([^()]*\)\s*$/, '').trim() || source;
}

/**
 * The catalog's usage shares for one population, most used first, with the same
 * figure the gap score weighs (`usageFor`: the most recent published figure), each
 * bar pointing at its source. Retired services are left out: nobody uses them now.
 * `categories` narrows the chart (messaging and calls for the "then and now" slide).
 */
export function usageChartData(
  catalog: Catalog,
  population: Population,
  { limit = 12, categories, locale = 'en' }: { limit?: number; categories?: readonly string[]; locale?: string } = {},
): UsageChartData {
  const live = catalog.services.filter((s) => !s.retired && (!categories || categories.includes(s.category)));
  const withFigure = live
    .map((s) => ({ service: s, figure: usageFor(s, population) }))
    .filter((x): x is { service: (typeof live)[number]; figure: PublishedFigure } => x.figure !== undefined)
    .sort((a, b) => b.figure.share - a.figure.share || a.service.name.localeCompare(b.service.name));
  const shown = withFigure.slice(0, limit);
  const sources: FootnoteSource[] = [];
  const bars = shown.map(({ service, figure }) => {
    const name = shortSource(figure.source);
    let source = sources.find((s) => s.name === name && s.year === figure.year);
    if (!source) {
      source = { n: sources.length + 1, name, year: figure.year, secondary: /secondary copy/i.test(figure.source), ...(figure.url ? { url: figure.url } : {}) };
      sources.push(source);
    }
    return { id: service.id, name: serviceName(service, locale), share: figure.share, source: source.n };
  });
  const withoutFigureNames = live.filter((s) => !usageFor(s, population)).map((s) => serviceName(s, locale));
  return { bars, sources, withoutFigure: withoutFigureNames.length, withoutFigureNames, notShown: withFigure.length - shown.length };
}
