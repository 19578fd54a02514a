import type { Catalog } from '../catalog/schema';
import { POPULATIONS, type Population } from '../catalog/types';

/**
 * The population whose usage figures weigh the score when the user has not chosen:
 * France for any French browser language (`fr`, `fr-FR`, `fr-BE`…: the catalog's French
 * figures are the closest it has for French speakers), else the US, whose Pew figures
 * cover the most services after France. Not WORLD: no world-wide figure is defensible
 * yet (docs/reference-figures.md). The user can always change it.
 */
export function defaultPopulation(locale: string | undefined): Population {
  return /^fr(?:[-_]|$)/i.test(locale ?? '') ? 'FR' : 'US';
}

/** Populations for which the catalog has at least one published share, in `POPULATIONS` order. */
export function populationsWithFigures(catalog: Catalog): Population[] {
  const seen = new Set(catalog.services.flatMap((s) => s.usage.filter((u) => u.share !== null).map((u) => u.population)));
  return POPULATIONS.filter((p) => seen.has(p));
}
