/**
 * Import limits. The reference catalog is ≈ 40 kB and 50 services; a custom catalog
 * a hundred times bigger is still plausible, anything beyond is a mistake or an
 * attack on the extension's memory (the import runs in the options page).
 */
export interface ImportLimits {
  /** File name, used as the catalog name for CSV and in messages. */
  fileName?: string;
  /** Largest accepted file, bytes of UTF-8. */
  maxBytes?: number;
  /** Most services (JSON entries, or distinct ids in CSV). */
  maxServices?: number;
}

/** 5 MB: over a hundred times the reference catalog. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Same bound as `CatalogSchema`'s services. */
export const DEFAULT_MAX_SERVICES = 2000;
/** CSV rows carry one usage figure each, so a service may take a few rows. */
export const ROWS_PER_SERVICE = 5;

/** The result of every catalog parser: a rejected file gives reasons and nothing else. */
export type ParseResult<T> = { ok: true; catalog: T } | { ok: false; errors: string[] };

/** Size check on the UTF-8 byte length, before any parsing work is done. */
export function sizeError(text: string, maxBytes: number): string | undefined {
  // Cheap bound first: a UTF-8 string has at least one byte per UTF-16 unit.
  if (text.length <= maxBytes / 3) return undefined;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes <= maxBytes) return undefined;
  const mb = (n: number) => `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  return `file is ${mb(bytes)}, over the ${mb(maxBytes)} limit`;
}

/** Removes a UTF-8 byte-order mark, which Excel and Notepad add. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
