import * as v from 'valibot';
import { CatalogSchema, type Catalog } from './schema';
import type { MergeMode } from './merge';
import { importCatalog } from './import';
import { mergeCatalogs } from './merge';
import type { StorageArea } from '../platform/storage-area';

export const CUSTOM_CATALOG_KEY = 'customCatalog';

/** A custom catalog as the user imported it (not merged: the reference may be newer later). */
export interface StoredCustomCatalog {
  catalog: Catalog;
  mode: MergeMode;
  fileName: string;
  importedAt: number;
}

const StoredSchema = v.object({
  catalog: CatalogSchema,
  mode: v.picklist(['merge', 'replace']),
  fileName: v.string(),
  importedAt: v.number(),
});

/** Read the stored custom catalog; anything unreadable counts as none (the reference is used). */
export async function loadCustomCatalog(area: StorageArea): Promise<StoredCustomCatalog | undefined> {
  const raw = (await area.get(CUSTOM_CATALOG_KEY))[CUSTOM_CATALOG_KEY];
  const parsed = v.safeParse(StoredSchema, raw);
  return parsed.success ? parsed.output : undefined;
}

export type ImportOutcome =
  | { ok: true; stored: StoredCustomCatalog; services: number; categories: number }
  | { ok: false; errors: string[] };

/**
 * Validate a file and, only if it is entirely valid, store it. A rejected file
 * returns its reasons and writes nothing, so what was stored before is kept.
 */
export async function importCustomCatalog(
  area: StorageArea,
  reference: Catalog,
  input: { text: string; fileName: string; mode: MergeMode },
  now: () => number = Date.now,
): Promise<ImportOutcome> {
  const parsed = importCatalog(reference, input.text, { fileName: input.fileName, mode: 'replace' });
  if (!parsed.ok) return parsed;
  const stored: StoredCustomCatalog = { catalog: parsed.catalog, mode: input.mode, fileName: input.fileName, importedAt: now() };
  await area.set({ [CUSTOM_CATALOG_KEY]: stored });
  const active = mergeCatalogs(reference, parsed.catalog, input.mode);
  return { ok: true, stored, services: active.services.length, categories: new Set(active.services.map((s) => s.category)).size };
}

export type CatalogSource = 'reference' | 'custom' | 'managed';

/**
 * The catalog an audit uses: one set by IT through managed policy wins, then
 * the user's custom catalog (merged with or replacing the reference), then
 * the reference.
 */
export function activeCatalog(
  reference: Catalog,
  custom?: StoredCustomCatalog,
  managed?: Catalog,
): { catalog: Catalog; source: CatalogSource } {
  if (managed) return { catalog: managed, source: 'managed' };
  if (custom) return { catalog: mergeCatalogs(reference, custom.catalog, custom.mode), source: 'custom' };
  return { catalog: reference, source: 'reference' };
}
