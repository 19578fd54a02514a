import referenceCatalog from '../catalog/reference.json';
import { parseCatalog } from '../catalog/parse';
import { DEFAULT_MAX_BYTES } from '../catalog/limits';
import { readTextCapped } from '../http/read-capped';
import type { Catalog } from '../catalog/types';
import type { StorageArea } from '../platform/storage-area';

export const CATALOG_CACHE_KEY = 'fleetCatalogCache';

export interface CatalogChoice {
  catalog: Catalog;
  source: 'managed' | 'cached' | 'reference';
  /** Why the managed catalog could not be used this time (the cached or reference one was). */
  error?: string;
}

/**
 * The catalog a scheduled audit probes: the one at the policy's URL, fetched,
 * validated and cached; when fetching or validation fails, the last good one
 * for that URL stays in use, and without any, the bundled reference catalog.
 */
export async function chooseCatalog(
  url: string | undefined,
  area: StorageArea,
  fetchFn: typeof fetch = fetch,
  now: () => number = Date.now,
): Promise<CatalogChoice> {
  const reference = referenceCatalog as Catalog;
  if (!url) return { catalog: reference, source: 'reference' };
  const cached = (await area.get(CATALOG_CACHE_KEY))[CATALOG_CACHE_KEY] as { url?: string; catalog?: Catalog } | undefined;
  const fallback = (error: string): CatalogChoice =>
    cached?.url === url && cached.catalog ? { catalog: cached.catalog, source: 'cached', error } : { catalog: reference, source: 'reference', error };
  let response: Response;
  try {
    response = await fetchFn(url, { credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    return fallback(`catalog URL unreachable (${String(error).slice(0, 100)})`);
  }
  if (!response.ok) return fallback(`catalog URL answered HTTP ${response.status}`);
  let text: string;
  try {
    // The same cap as a catalog file the user imports.
    text = await readTextCapped(response, DEFAULT_MAX_BYTES);
  } catch (error) {
    return fallback(`catalog at the URL could not be read: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200));
  }
  const parsed = parseCatalog(text);
  if (!parsed.ok) return fallback(`catalog at the URL is invalid: ${parsed.errors[0] ?? 'unknown error'}`);
  await area.set({ [CATALOG_CACHE_KEY]: { url, catalog: parsed.catalog, fetchedAt: now() } });
  return { catalog: parsed.catalog, source: 'managed' };
}

/**
 * IT's catalog as last fetched for the policy's current URL, without fetching
 * (for pages and user-started audits; scheduled audits refresh it first).
 */
export async function cachedManagedCatalog(url: string | undefined, area: StorageArea): Promise<Catalog | undefined> {
  if (!url) return undefined;
  const cached = (await area.get(CATALOG_CACHE_KEY))[CATALOG_CACHE_KEY] as { url?: string; catalog?: Catalog } | undefined;
  return cached?.url === url ? cached.catalog : undefined;
}
