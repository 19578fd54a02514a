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

/** What `computeGap` needs of a catalog for one population, worked out once per catalog object. */
interface GapPlan {
  live: { id: string; category: string; share: number | null }[];
  categories: string[];
  retired: string[];
  known: Set<string>;
}

// A fleet computes the gap of thousands of reports against one catalog: resolving usage
// figures and categories once per catalog keeps each computation a single pass.
const plans = new WeakMap<Catalog, Map<Population, GapPlan>>();

function planOf(catalog: Catalog, population: Population): GapPlan {
  let byPopulation = plans.get(catalog);
  if (!byPopulation) plans.set(catalog, (byPopulation = new Map()));
  let plan = byPopulation.get(population);
  if (!plan) {
    const live = catalog.services.filter((s) => !s.retired);
    plan = {
      live: live.map((s: ServiceEntry) => ({ id: s.id, category: s.category, share: usageFor(s, population)?.share ?? null })),
      categories: [...new Set(live.map((s) => s.category))],
      retired: catalog.services.filter((s) => s.retired).map((s) => s.id),
      known: new Set(catalog.services.map((s) => s.id)),
    };
    byPopulation.set(population, plan);
  }
  return plan;
}

/**
 * The gap score, defined once (see `utils/gap/README.md`): the usage-weighted share of
 * the catalog that is blocked, and separately throttled/partial, overall and per
 * category. If a service has several verdicts, the last one wins (a re-test replaces
 * an earlier one). The catalog is treated as immutable.
 */
export function computeGap(catalog: Catalog, verdicts: readonly ServiceVerdict[], population: Population): GapScore {
  const byId = new Map(verdicts.map((v) => [v.serviceId, v.verdict]));
  const plan = planOf(catalog, population);
  const overall = new Tally();
  const perCategory = new Map(plan.categories.map((c) => [c, new Tally()]));
  const tallyOf = (category: string) => {
    const known = perCategory.get(category);
    if (known) return known;
    const tally = new Tally();
    perCategory.set(category, tally);
    return tally;
  };
  for (const service of plan.live) {
    const verdict = byId.get(service.id);
    overall.add(service.id, verdict, service.share);
    tallyOf(service.category).add(service.id, verdict, service.share);
  }
  return {
    population,
    overall: overall.result(),
    byCategory: plan.categories.map((category) => ({ category, ...tallyOf(category).result() })),
    retired: [...plan.retired],
    unknownVerdicts: [...byId.keys()].filter((id) => !plan.known.has(id)),
  };
}

class Tally {
  private readonly ids: GapTally['ids'] = {
    weighted: [],
    blocked: [],
    degraded: [],
    withoutFigure: [],
    withoutFigureBlocked: [],
    withoutFigureDegraded: [],
    inconclusive: [],
    notProbed: [],
  };
  private weight = 0;
  private blockedWeight = 0;
  private degradedWeight = 0;

  add(id: string, verdict: Verdict | undefined, share: number | null): void {
    const ids = this.ids;
    if (!verdict) {
      ids.notProbed.push(id);
      return;
    }
    if (verdict === 'inconclusive') {
      ids.inconclusive.push(id);
      return;
    }
    const blocked = verdict === 'blocked';
    const degraded = DEGRADED.includes(verdict);
    if (share === null) {
      ids.withoutFigure.push(id);
      if (blocked) ids.withoutFigureBlocked.push(id);
      if (degraded) ids.withoutFigureDegraded.push(id);
      return;
    }
    this.weight += share;
    ids.weighted.push(id);
    if (blocked) {
      this.blockedWeight += share;
      ids.blocked.push(id);
    } else if (degraded) {
      this.degradedWeight += share;
      ids.degraded.push(id);
    }
  }

  result(): GapTally {
    const { weight, ids } = this;
    // A zero weight (nothing weighted, or only 0 % services) has no meaningful ratio.
    const ratio = (part: number) => (weight > 0 ? part / weight : null);
    return {
      blockedShare: ratio(this.blockedWeight),
      degradedShare: ratio(this.degradedWeight),
      weight,
      weightedServices: ids.weighted.length,
      withoutFigure: ids.withoutFigure.length,
      inconclusive: ids.inconclusive.length,
      notProbed: ids.notProbed.length,
      ids,
    };
  }
}
