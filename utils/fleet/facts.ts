import type { Population } from '../catalog/types';
import { usageFor } from '../catalog/usage';
import type { Mechanism, Verdict } from '../verdict/types';
import type { FleetReport } from './report-schema';

/** Site label used for reports sent without one (an unmanaged browser, a CLI run). */
export const NO_SITE = '';

/** One cell of the fleet's fact table: how many reports from a site gave a service this verdict by this mechanism. */
export interface FleetFact {
  site: string;
  serviceId: string;
  service: string;
  category: string;
  verdict: Verdict;
  /** `''` when the verdict has no mechanism (reachable, inconclusive). */
  mechanism: Mechanism | '';
  reports: number;
}

/** One service across the fleet, for the "top blocked" view. */
export interface FleetServiceSummary {
  serviceId: string;
  service: string;
  category: string;
  /** Customer usage share for the chosen population (latest published figure), or null. */
  usageShare: number | null;
  /** Reports with a conclusive verdict for this service (the denominator). */
  conclusive: number;
  blocked: number;
  degraded: number;
  inconclusive: number;
  /** blocked / conclusive, or null when no report was conclusive. */
  blockedRate: number | null;
  /** blockedRate × usageShare: how much of the customers' usage the fleet cannot reach; null without a figure. */
  weightedBlocked: number | null;
  mechanisms: Partial<Record<Mechanism, number>>;
  /** Sites where at least one report found the service blocked, sorted. */
  blockedAt: string[];
}

const DEGRADED: readonly Verdict[] = ['throttled', 'partial'];

/**
 * The fact table (site × service × verdict × mechanism), sorted for stable output.
 * Keys are small integers from interned strings: 10 000 reports × 50 services
 * would otherwise build half a million key strings.
 */
export function buildFacts(reports: readonly FleetReport[]): FleetFact[] {
  const facts = new Map<number, FleetFact>();
  const sites = new Map<string, number>();
  const services = new Map<string, number>();
  const outcomes = new Map<string, number>();
  const intern = (table: Map<string, number>, key: string) => {
    let id = table.get(key);
    if (id === undefined) table.set(key, (id = table.size));
    return id;
  };
  for (const report of reports) {
    const site = report.site ?? NO_SITE;
    const siteId = intern(sites, site) * 2 ** 32;
    for (const s of report.services) {
      const mechanism = s.mechanism ?? '';
      // Exact below 2^53: 2^21 sites × 2^26 services × 64 verdict/mechanism pairs (< 50 exist); no collision.
      const key = siteId + intern(services, s.id) * 64 + intern(outcomes, `${s.verdict}/${mechanism}`);
      const fact = facts.get(key);
      if (fact) fact.reports++;
      else facts.set(key, { site, serviceId: s.id, service: s.name, category: s.category, verdict: s.verdict, mechanism, reports: 1 });
    }
  }
  return [...facts.values()].sort(
    (a, b) => cmp(a.site, b.site) || cmp(a.serviceId, b.serviceId) || cmp(a.verdict, b.verdict) || cmp(a.mechanism, b.mechanism),
  );
}

/**
 * Services across the fleet, most blocked customer usage first: a service half the
 * fleet cannot reach that 90 % of customers use outranks one everybody blocks that
 * 2 % use. Services without a published figure follow, by blocked rate.
 */
export function summariseServices(reports: readonly FleetReport[], population: Population): FleetServiceSummary[] {
  const shares = new Map<string, number | null>();
  for (const report of reports) {
    for (const s of report.services) {
      if (!shares.has(s.id)) shares.set(s.id, usageFor({ usage: s.usage } as Parameters<typeof usageFor>[0], population)?.share ?? null);
    }
  }
  return summariseFacts(buildFacts(reports), shares);
}

/**
 * The per-service view from the fact table and each service's usage share: the
 * fleet page (from reports) and the collector (from SQL facts) share this step.
 */
export function summariseFacts(facts: readonly FleetFact[], shares: ReadonlyMap<string, number | null>): FleetServiceSummary[] {
  const byId = new Map<string, FleetServiceSummary & { sites: Set<string> }>();
  for (const f of facts) {
    let sum = byId.get(f.serviceId);
    if (!sum) {
      sum = {
        serviceId: f.serviceId, service: f.service, category: f.category, usageShare: shares.get(f.serviceId) ?? null,
        conclusive: 0, blocked: 0, degraded: 0, inconclusive: 0, blockedRate: null, weightedBlocked: null,
        mechanisms: {}, blockedAt: [], sites: new Set(),
      };
      byId.set(f.serviceId, sum);
    }
    if (f.verdict === 'inconclusive') {
      sum.inconclusive += f.reports;
      continue;
    }
    sum.conclusive += f.reports;
    if (f.verdict === 'blocked') {
      sum.blocked += f.reports;
      sum.sites.add(f.site);
    } else if (DEGRADED.includes(f.verdict)) sum.degraded += f.reports;
    if (f.mechanism && f.verdict !== 'reachable') sum.mechanisms[f.mechanism] = (sum.mechanisms[f.mechanism] ?? 0) + f.reports;
  }
  const out = [...byId.values()].map(({ sites, ...sum }) => {
    const blockedRate = sum.conclusive ? sum.blocked / sum.conclusive : null;
    return {
      ...sum,
      blockedRate,
      weightedBlocked: blockedRate !== null && sum.usageShare !== null ? blockedRate * sum.usageShare : null,
      blockedAt: [...sites].sort(cmp),
    };
  });
  return out.sort(
    (a, b) =>
      (b.weightedBlocked ?? -1) - (a.weightedBlocked ?? -1) || (b.blockedRate ?? -1) - (a.blockedRate ?? -1) || cmp(a.serviceId, b.serviceId),
  );
}

/** Plain code-unit order: stable across locales (the UI sorts for display itself). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
