import { POPULATIONS, type Population } from '../catalog/types';
import type { FleetAggregate } from './aggregate';
import { impossibleDay } from './instant';

/**
 * The collector's read API, as the fleet page calls it (contract in
 * docs/collector-api.md): `GET /api/aggregate?population=&site=&from=&to=&catalog=`
 * answers a `FleetAggregate` for the filter plus what the filter can choose from.
 */
export interface FleetFilter {
  population: Population;
  /** Site labels; empty = every site. */
  sites: string[];
  /** First and last UTC day (`YYYY-MM-DD`), inclusive; absent = unbounded. */
  from?: string;
  to?: string;
  /** Catalog version; absent = every version. */
  catalogVersion?: string;
}

/** What the filter can take: every site, catalog version and the stored period, unfiltered. */
export interface FleetChoices {
  sites: string[];
  catalogVersions: string[];
  firstDay: string | null;
  lastDay: string | null;
  /** Reports stored (every status). */
  stored: number;
}

export interface FleetAggregateAnswer {
  filter: FleetFilter;
  choices: FleetChoices;
  aggregate: FleetAggregate;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter as query parameters (and back): the page builds the URL, the collector parses it. */
export function filterToQuery(filter: FleetFilter): URLSearchParams {
  const q = new URLSearchParams({ population: filter.population });
  for (const site of filter.sites) q.append('site', site);
  if (filter.from) q.set('from', filter.from);
  if (filter.to) q.set('to', filter.to);
  if (filter.catalogVersion) q.set('catalog', filter.catalogVersion);
  return q;
}

/** Parse and check a filter; a bad parameter is named, never guessed. */
export function filterFromQuery(q: URLSearchParams): { ok: true; filter: FleetFilter } | { ok: false; reason: string } {
  const population = q.get('population') ?? 'WORLD';
  if (!(POPULATIONS as readonly string[]).includes(population)) return { ok: false, reason: `population must be one of ${POPULATIONS.join(', ')}` };
  const sites = q.getAll('site');
  if (sites.length > 500 || sites.some((s) => s.length > 100)) return { ok: false, reason: 'at most 500 sites of up to 100 characters' };
  const filter: FleetFilter = { population: population as Population, sites };
  for (const key of ['from', 'to'] as const) {
    const day = q.get(key);
    if (day === null || day === '') continue;
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return { ok: false, reason: `${key} must be a day (YYYY-MM-DD)` };
    // Date.parse rolls 2026-02-31 over to March 3rd: a period would silently end elsewhere.
    const impossible = impossibleDay(day);
    if (impossible) return { ok: false, reason: `${key}: ${impossible}` };
    filter[key] = day;
  }
  const catalog = q.get('catalog');
  if (catalog) {
    if (catalog.length > 50) return { ok: false, reason: 'catalog version longer than 50 characters' };
    filter.catalogVersion = catalog;
  }
  return { ok: true, filter };
}

/** The collector's aggregate URL from what the user typed (its base, or its upload URL `…/reports`). */
export function aggregateUrl(input: string, filter: FleetFilter): string {
  const url = new URL(input.trim());
  url.pathname = url.pathname.replace(/\/reports\/?$/, '/').replace(/\/?$/, '/') + 'api/aggregate';
  url.search = filterToQuery(filter).toString();
  return url.toString();
}
