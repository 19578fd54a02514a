import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Catalog } from '../../utils/catalog/types';
import { parseCatalogFile } from '../../utils/catalog/import';
import { DEFAULT_MAX_BYTES } from '../../utils/catalog/limits';

export type LoadedCatalog = { ok: true; catalog: Catalog } | { ok: false; error: string };

/**
 * Read a catalog file (JSON or CSV) for a CLI. On failure, one line naming the
 * file and the first problem, e.g. `my.json: service "yt" (row 3), media: not an https URL`.
 */
export function loadCatalogFile(path: string, maxBytes = DEFAULT_MAX_BYTES): LoadedCatalog {
  const name = basename(path);
  if (!existsSync(path)) return { ok: false, error: `${name}: no such file` };
  const size = statSync(path).size;
  // Checked before reading, so a huge file is refused without loading it.
  if (size > maxBytes) {
    const mb = (n: number) => `${+(n / (1024 * 1024)).toFixed(1)} MB`;
    return { ok: false, error: `${name}: file is ${mb(size)}, over the ${mb(maxBytes)} limit` };
  }
  const parsed = parseCatalogFile(readFileSync(path, 'utf8'), { fileName: name, maxBytes });
  if (parsed.ok) return parsed;
  const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more problem${parsed.errors.length > 2 ? 's' : ''})` : '';
  return { ok: false, error: `${name}: ${parsed.errors[0] ?? 'not a catalog'}${more}` };
}
