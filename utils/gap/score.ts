import type { Catalog, ServiceEntry } from '../catalog/schema';
import type { Population } from '../catalog/types';
import { usageFor } from '../catalog/usage';
import type { ServiceVerdict, Verdict } from '../verdict/types';

/** The gap over a set of services (the whole catalog, or one category). See README.md. */
export interface GapTally {
  /** Usage-weighted share blocked, 0..1; `null` when no probed service has a figure (never a silent 0). */
  blockedShare: number | null;
  /** Same for throttled + partial ("degraded"). */
  degradedShare: number | null;
  /** Denominator: sum of the shares of the weighted services. */
  weight: number;
  /** Services in the denominator: probed, conclusive, with a figure for the population. */
  weightedServices: number;
  /** Probed and conclusive but without a published figure: shown apart, never weighted. */
  withoutFigure: number;
  /** Excluded from numerator and denominator: we could not tell, so they must not move the score. */
  inconclusive: number;
  /** In the catalog but with no verdict in this audit. */
  notProbed: number;
  /** The ids behind every count, for the evidence view. */
  ids: {
    weighted: string[];
    blocked: string[];
    degraded: string[];
    withoutFigure: string[];
    withoutFigureBlocked: string[];
    withoutFigureDegraded: string[];
    inconclusive: string[];
    notProbed: string[];
  };
}

/** One category's tally, in catalog order. */
export interface CategoryGap extends GapTally {
  category: string;
}

/** The gap score of one audit against one catalog, for one population. */
export interface GapScore {
  population: Population;
  overall: GapTally;
  byCategory: CategoryGap[];
  /** Retired services (MSN, Skype…): listed for the story, never probed, never scored. */
  retired: string[];
  /** Verdicts whose service is not in the catalog (a different catalog was audited?). */
  unknownVerdicts: string[];
}

const DEGRADED: readonly Verdict[] = ['throttled', 'partial'];

/**
 * The gap score, defined once (see `utils/gap/README.md`): the usage-weighted share of
 * the catalog that is blocked, and separately throttled/partial, overall and per
 * category. If a service has several verdicts, the last one wins (a re-test replaces
 * an earlier one).
 */
export function computeGap(catalog: Catalog, verdicts: readonly ServiceVerdict[], population: Population): GapScore {
  const byId = new Map(verdicts.map((v) => [v.serviceId, v.verdict]));
  const live = catalog.services.filter((s) => !s.retired);
  const categories = [...new Set(live.map((s) => s.category))];
  const known = new Set(catalog.services.map((s) => s.id));
  return {
    population,
    overall: tally(live, byId, population),
    byCategory: categories.map((category) => ({
      category,
      ...tally(live.filter((s) => s.category === category), byId, population),
    })),
    retired: catalog.services.filter((s) => s.retired).map((s) => s.id),
    unknownVerdicts: [...byId.keys()].filter((id) => !known.has(id)),
  };
}

function tally(services: readonly ServiceEntry[], verdicts: Map<string, Verdict>, population: Population): GapTally {
  const ids: GapTally['ids'] = {
    weighted: [],
    blocked: [],
    degraded: [],
    withoutFigure: [],
    withoutFigureBlocked: [],
    withoutFigureDegraded: [],
    inconclusive: [],
    notProbed: [],
  };
  let weight = 0;
  let blockedWeight = 0;
  let degradedWeight = 0;
  for (const service of services) {
    const verdict = verdicts.get(service.id);
    if (!verdict) {
      ids.notProbed.push(service.id);
      continue;
    }
    if (verdict === 'inconclusive') {
      ids.inconclusive.push(service.id);
      continue;
    }
    const share = usageFor(service, population)?.share;
    const blocked = verdict === 'blocked';
    const degraded = DEGRADED.includes(verdict);
    if (share == null) {
      ids.withoutFigure.push(service.id);
      if (blocked) ids.withoutFigureBlocked.push(service.id);
      if (degraded) ids.withoutFigureDegraded.push(service.id);
      continue;
    }
    weight += share;
    ids.weighted.push(service.id);
    if (blocked) {
      blockedWeight += share;
      ids.blocked.push(service.id);
    } else if (degraded) {
      degradedWeight += share;
      ids.degraded.push(service.id);
    }
  }
  // A zero weight (nothing weighted, or only 0 % services) has no meaningful ratio.
  const ratio = (part: number) => (weight > 0 ? part / weight : null);
  return {
    blockedShare: ratio(blockedWeight),
    degradedShare: ratio(degradedWeight),
    weight,
    weightedServices: ids.weighted.length,
    withoutFigure: ids.withoutFigure.length,
    inconclusive: ids.inconclusive.length,
    notProbed: ids.notProbed.length,
    ids,
  };
}
