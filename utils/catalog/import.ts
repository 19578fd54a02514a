import type { Catalog } from './schema';
import type { ParseResult } from './limits';
import { parseCatalog } from './parse';
import { parseCatalogCsv, type CsvImportOptions } from './csv-import';
import { mergeCatalogs, type MergeMode } from './merge';

/**
 * Parses a catalog file as CSV or JSON: by extension when there is one, else JSON
 * when the first non-blank character is `{`. Used by the options page and by
 * `npm run catalog|audit -- --catalog FILE`.
 */
export function parseCatalogFile(text: string, opts: CsvImportOptions = {}): ParseResult<Catalog> {
  const ext = opts.fileName?.toLowerCase().match(/\.(csv|json)$/)?.[1];
  const looksJson = text.replace(/^\ufeff/, '').trimStart().startsWith('{');
  return ext === 'csv' || (!ext && !looksJson) ? parseCatalogCsv(text, opts) : parseCatalog(text, opts);
}

/**
 * Imports a file against the current reference: parse, then merge or replace. Pure:
 * on any error the caller gets reasons only and stores nothing, so a rejected file
 * changes nothing already stored.
 */
export function importCatalog(
  reference: Catalog,
  text: string,
  opts: CsvImportOptions & { mode?: MergeMode } = {},
): ParseResult<Catalog> {
  const parsed = parseCatalogFile(text, opts);
  if (!parsed.ok) return parsed;
  return { ok: true, catalog: mergeCatalogs(reference, parsed.catalog, opts.mode ?? 'merge') };
}
