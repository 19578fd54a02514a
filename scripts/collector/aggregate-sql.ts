import { POPULATIONS, type Population } from '../../utils/catalog/types';
import type { FleetAggregate } from '../../utils/fleet/aggregate';
import type { FleetAggregateAnswer, FleetChoices, FleetFilter } from '../../utils/fleet/api';
import { cmp, summariseFacts, type FleetFact } from '../../utils/fleet/facts';
import { SHARE_COLUMN } from '../../utils/fleet/rows';
import type { Dialect, FleetStore } from './store';

/**
 * The fleet page's views as SQL that DuckDB and ClickHouse 18.16 both run
 * unchanged: plain GROUP BY, count, sum, avg, min, argMax (DuckDB resolves
 * function names case-insensitively) and CASE — no window functions, no FILTER,
 * no engine-specific aggregate. Literals go through the engine's dialect.
 * `rollups`: read the daily rollups (rollups.ts; DuckDB keeps them) instead of the
 * raw rows (ClickHouse): the same views, counts summed instead of rows counted.
 */
export function aggregateQueries(filter: FleetFilter, dialect: Dialect, rollups = false) {
  const where = (completeOnly: boolean) => {
    const parts = completeOnly ? ['complete = 1'] : ['1 = 1'];
    if (filter.from) parts.push(`day >= ${dialect.date(filter.from)}`);
    if (filter.to) parts.push(`day <= ${dialect.date(filter.to)}`);
    if (filter.sites.length) parts.push(`site IN (${filter.sites.map(dialect.text).join(', ')})`);
    if (filter.catalogVersion !== undefined) parts.push(`catalog_version = ${dialect.text(filter.catalogVersion)}`);
    return parts.join(' AND ');
  };
  const population = dialect.text(filter.population);
  const column = SHARE_COLUMN[filter.population];
  const t = rollups
    ? {
        reports: 'report_days', verdicts: 'verdict_days', gaps: 'gap_days', count: 'sum(reports)',
        blocked: 'sum(blocked_sum) / sum(reports)', degraded: 'sum(degraded_sum) / sum(reports)',
        shares: `SELECT service_id, argMax(share, day) AS share FROM share_days WHERE ${where(true)} AND population = ${population} GROUP BY service_id`,
        hasFigure: (p: Population) => `max(CASE WHEN population = ${dialect.text(p)} THEN 1 ELSE 0 END)`,
        figures: 'share_days',
      }
    : {
        reports: 'reports', verdicts: 'verdicts', gaps: 'gaps', count: 'count(*)',
        blocked: 'avg(blocked_share)', degraded: 'avg(degraded_share)',
        shares: `SELECT service_id, argMax(${column}, day) AS share FROM verdicts WHERE ${where(true)} AND ${column} IS NOT NULL GROUP BY service_id`,
        hasFigure: (p: Population) => `max(CASE WHEN ${SHARE_COLUMN[p]} IS NULL THEN 0 ELSE 1 END)`,
        figures: 'verdicts',
      };
  return {
    /** Sites × services × verdict × mechanism: the fact table, and the top list's source. */
    facts: `SELECT site, service_id, min(service_name) AS service_label, min(category) AS category_label, verdict, mechanism, ${t.count} AS reports
      FROM ${t.verdicts} WHERE ${where(true)} GROUP BY site, service_id, verdict, mechanism`,
    /** Each service's usage share for the population: the figure of its latest report that has one. */
    shares: t.shares,
    heatmap: `SELECT site, category, ${t.blocked} AS blocked, ${t.degraded} AS degraded, ${t.count} AS reports
      FROM ${t.gaps} WHERE ${where(true)} AND population = ${population} AND category <> '' GROUP BY site, category`,
    trendShares: `SELECT day, ${t.blocked} AS blocked, ${t.degraded} AS degraded
      FROM ${t.gaps} WHERE ${where(true)} AND population = ${population} AND category = '' GROUP BY day`,
    /** Report counts by day, completeness and control, for the trend and the page's notes. */
    reports: `SELECT day, complete, control_ok, ${t.count} AS reports FROM ${t.reports} WHERE ${where(false)} GROUP BY day, complete, control_ok`,
    /** Populations some service has a figure for (the page's population choice). */
    populations: `SELECT ${POPULATIONS.map((p) => `${t.hasFigure(p)} AS ${p}`).join(', ')} FROM ${t.figures} WHERE ${where(true)}`,
    choices: `SELECT site, catalog_version, min(day) AS first_day, max(day) AS last_day, ${t.count} AS reports FROM ${t.reports} GROUP BY site, catalog_version`,
  };
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);
const str = (v: unknown) => String(v);
const share = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** A day as `YYYY-MM-DD` whatever the engine's JSON gives (DuckDB and ClickHouse both print dates so). */
const day = (v: unknown) => String(v).slice(0, 10);

/** Run the queries on a store and build what the page shows, in the same shape and order as `aggregateFleet`. */
export async function queryAggregate(store: FleetStore, filter: FleetFilter): Promise<FleetAggregateAnswer> {
  const q = aggregateQueries(filter, store.dialect, store.rollups);
  const [facts, shares, heat, trendShares, reports, populations, choices] = await Promise.all(
    [q.facts, q.shares, q.heatmap, q.trendShares, q.reports, q.populations, q.choices].map((sql) => store.query(sql)),
  );
  return { filter, choices: toChoices(choices!), aggregate: assemble(filter.population, { facts: facts!, shares: shares!, heat: heat!, trendShares: trendShares!, reports: reports!, populations: populations! }) };
}

export function assemble(population: Population, rows: Record<'facts' | 'shares' | 'heat' | 'trendShares' | 'reports' | 'populations', Row[]>): FleetAggregate {
  const facts: FleetFact[] = rows.facts
    .map((r) => ({
      site: str(r.site), serviceId: str(r.service_id), service: str(r.service_label), category: str(r.category_label),
      verdict: str(r.verdict) as FleetFact['verdict'], mechanism: str(r.mechanism) as FleetFact['mechanism'], reports: num(r.reports),
    }))
    .sort((a, b) => cmp(a.site, b.site) || cmp(a.serviceId, b.serviceId) || cmp(a.verdict, b.verdict) || cmp(a.mechanism, b.mechanism));
  const shareOf = new Map(rows.shares.map((r) => [str(r.service_id), share(r.share)]));
  const heatmap = rows.heat
    .map((r) => ({ site: str(r.site), category: str(r.category), blockedShare: share(r.blocked), degradedShare: share(r.degraded), reports: num(r.reports) }))
    .sort((a, b) => cmp(a.site, b.site) || cmp(a.category, b.category));
  const perDay = new Map<string, number>();
  let complete = 0;
  let incomplete = 0;
  let controlFailed = 0;
  for (const r of rows.reports) {
    const n = num(r.reports);
    if (num(r.complete) !== 1) {
      incomplete += n;
      continue;
    }
    complete += n;
    if (num(r.control_ok) !== 1) controlFailed += n;
    perDay.set(day(r.day), (perDay.get(day(r.day)) ?? 0) + n);
  }
  const dayShares = new Map(rows.trendShares.map((r) => [day(r.day), r]));
  const trend = [...perDay]
    .map(([d, n]) => ({ day: d, reports: n, blockedShare: share(dayShares.get(d)?.blocked), degradedShare: share(dayShares.get(d)?.degraded) }))
    .sort((a, b) => cmp(a.day, b.day));
  const flags = rows.populations[0] ?? {};
  const withFigures = new Set(POPULATIONS.filter((p) => num(flags[p] ?? flags[p.toLowerCase()]) === 1));
  return {
    population,
    reports: complete,
    incomplete,
    controlFailed,
    sites: [...new Set(facts.map((f) => f.site))].sort(cmp),
    categories: [...new Set(facts.map((f) => f.category))].sort(cmp),
    populations: POPULATIONS.filter((p) => withFigures.has(p)),
    facts,
    services: summariseFacts(facts, shareOf),
    heatmap,
    trend,
  };
}

function toChoices(rows: Row[]): FleetChoices {
  const days = rows.flatMap((r) => [day(r.first_day), day(r.last_day)]).sort(cmp);
  return {
    sites: [...new Set(rows.map((r) => str(r.site)))].sort(cmp),
    catalogVersions: [...new Set(rows.map((r) => str(r.catalog_version)))].sort(cmp),
    firstDay: days[0] ?? null,
    lastDay: days.at(-1) ?? null,
    stored: rows.reduce((n, r) => n + num(r.reports), 0),
  };
}
