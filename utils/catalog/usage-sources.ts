import * as v from 'valibot';
import { UsageFigureSchema, type Catalog, type UsageFigure } from './schema';
import type { ActivityFigure } from './activities';
import { catalogId } from './label-rules';

/**
 * The source files of `data/usage/` and their compilation into the catalog's usage
 * figures and the category (activity) figures. Pure: the script reads and writes files.
 * Rules in docs/usage-figures.md.
 */

const Share = v.pipe(v.number(), v.minValue(0), v.maxValue(1, 'a share is 0..1, not a percentage'));
const Figure = v.union([Share, v.strictObject({ share: Share, metric: v.pipe(v.string(), v.minLength(1)) })]);
const Id = catalogId();

/** One category figure as compiled into `activities.json`. */
export const ActivityFigureSchema = v.strictObject({
  category: Id,
  population: v.picklist(['FR', 'US', 'WORLD']),
  share: Share,
  metric: v.pipe(v.string(), v.minLength(1), v.maxLength(200, 'metric longer than 200 characters')),
  source: v.pipe(v.string(), v.minLength(6), v.maxLength(300, 'source longer than 300 characters')),
  year: v.pipe(v.number(), v.integer(), v.minValue(1990), v.maxValue(2100)),
  url: v.pipe(v.string(), v.startsWith('https://')),
});

/** One published source (`data/usage/sources/*.json`). */
export const UsageSourceSchema = v.strictObject({
  id: Id,
  source: v.pipe(v.string(), v.minLength(6)),
  year: v.pipe(v.number(), v.integer()),
  url: v.pipe(v.string(), v.startsWith('https://', 'the primary link must be https')),
  /** Secondary copies the figures were read from; the citation must then say so. */
  copies: v.optional(v.array(v.pipe(v.string(), v.url()))),
  /** Date the figures were read (YYYY-MM-DD). */
  read: v.pipe(v.string(), v.isoDate()),
  population: v.picklist(['FR', 'US']),
  metric: v.pipe(v.string(), v.minLength(1)),
  /** Ties of year are broken by this rank, lower first (`usageFor` takes the first of the latest year). */
  order: v.optional(v.number()),
  services: v.optional(v.record(Id, Figure)),
  categories: v.optional(v.record(Id, Figure)),
  notes: v.optional(v.string()),
});
export type UsageSource = v.InferOutput<typeof UsageSourceSchema>;

/** `data/usage/searched.json`: where the figures that are missing were looked for. */
export const SearchedSchema = v.strictObject({
  searched: v.pipe(v.string(), v.isoDate()),
  /** Sources searched that gave no share, and why. */
  sources: v.record(Id, v.pipe(v.string(), v.minLength(10))),
  default: v.strictObject({ FR: v.array(Id), US: v.array(Id) }),
  services: v.record(Id, v.partial(v.strictObject({ FR: v.array(Id), US: v.array(Id) }))),
});
export type Searched = v.InferOutput<typeof SearchedSchema>;

/** The two populations every live service must answer for (issue: a figure or a search record). */
export const REQUIRED_POPULATIONS = ['FR', 'US'] as const;

/** A live service without a figure for a population, with the sources searched for it. */
export interface NoFigure {
  id: string;
  population: (typeof REQUIRED_POPULATIONS)[number];
  searched: string[];
}

export interface CompiledUsage {
  catalog: Catalog;
  activities: ActivityFigure[];
  noFigure: NoFigure[];
  /** Every reason the sources cannot be compiled; empty when they can. */
  problems: string[];
}

const shareOf = (f: v.InferOutput<typeof Figure>) => (typeof f === 'number' ? f : f.share);
const metricOf = (f: v.InferOutput<typeof Figure>, fallback: string) => (typeof f === 'number' ? fallback : f.metric);

/** Sources in figure order: population, then year, then `order`, then id (the order `usageFor` relies on). */
function sorted(sources: readonly UsageSource[]): UsageSource[] {
  const pop = (s: UsageSource) => (s.population === 'US' ? 0 : 1); // US first: the order the catalog always had
  return [...sources].sort(
    (a, b) => pop(a) - pop(b) || a.year - b.year || (a.order ?? 100) - (b.order ?? 100) || a.id.localeCompare(b.id),
  );
}

/**
 * Replaces every service's `usage` with the figures of `sources`, checks each live
 * service has, for FR and US, a figure or a search record, and lists the category
 * figures. Everything else in the catalog is kept as it is.
 */
export function compileUsage(catalog: Catalog, sources: readonly UsageSource[], searched: Searched): CompiledUsage {
  const problems: string[] = [];
  const ids = new Set(catalog.services.map((s) => s.id));
  const categories = new Set(catalog.services.filter((s) => !s.retired).map((s) => s.category));
  const known = new Set([...sources.map((s) => s.id), ...Object.keys(searched.sources)]);
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.id)) problems.push(`source id ${s.id} is used twice`);
    seen.add(s.id);
    if (/secondary cop/i.test(s.source) && !s.copies?.length) problems.push(`${s.id}: the citation says "secondary copy" but no copy is listed`);
    for (const id of Object.keys(s.services ?? {})) if (!ids.has(id)) problems.push(`${s.id}: no service ${id} in the catalog`);
    for (const c of Object.keys(s.categories ?? {})) if (!categories.has(c)) problems.push(`${s.id}: no category ${c} in the catalog`);
  }

  const usage = new Map<string, UsageFigure[]>();
  const activities: ActivityFigure[] = [];
  for (const s of sorted(sources)) {
    for (const [id, f] of Object.entries(s.services ?? {})) {
      const figure = { population: s.population, share: shareOf(f), metric: metricOf(f, s.metric), source: s.source, year: s.year, url: s.url };
      const checked = v.safeParse(UsageFigureSchema, figure);
      if (!checked.success) problems.push(`${s.id} ${id}: ${checked.issues.map((i) => i.message).join('; ')}`);
      usage.set(id, [...(usage.get(id) ?? []), figure]);
    }
    for (const [category, f] of Object.entries(s.categories ?? {})) {
      const figure = { category, population: s.population, share: shareOf(f), metric: metricOf(f, s.metric), source: s.source, year: s.year, url: s.url };
      const checked = v.safeParse(ActivityFigureSchema, figure);
      if (!checked.success) problems.push(`${s.id} ${category}: ${checked.issues.map((i) => i.message).join('; ')}`);
      activities.push(figure);
    }
  }

  const noFigure: NoFigure[] = [];
  for (const [id, extra] of Object.entries(searched.services)) {
    if (!ids.has(id)) problems.push(`searched.json: no service ${id} in the catalog`);
    for (const ref of [...(extra.FR ?? []), ...(extra.US ?? [])]) if (!known.has(ref)) problems.push(`searched.json ${id}: unknown source ${ref}`);
  }
  for (const population of REQUIRED_POPULATIONS)
    for (const ref of searched.default[population]) if (!known.has(ref)) problems.push(`searched.json default ${population}: unknown source ${ref}`);
  for (const service of catalog.services) {
    if (service.retired) continue;
    for (const population of REQUIRED_POPULATIONS) {
      if ((usage.get(service.id) ?? []).some((u) => u.population === population)) continue;
      const list = [...new Set([...searched.default[population], ...(searched.services[service.id]?.[population] ?? [])])];
      if (!list.length) problems.push(`${service.id} ${population}: neither a figure nor a search record`);
      noFigure.push({ id: service.id, population, searched: list });
    }
  }

  return {
    catalog: { ...catalog, services: catalog.services.map((s) => ({ ...s, usage: usage.get(s.id) ?? [] })) },
    activities,
    noFigure,
    problems,
  };
}

/** Live services with at least one published share for `population`. */
export function servicesWithFigures(catalog: Catalog, population: string): number {
  return catalog.services.filter((s) => !s.retired && s.usage.some((u) => u.population === population && u.share !== null)).length;
}
