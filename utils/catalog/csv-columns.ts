/**
 * The CSV layout: one usage figure per row; a service with several figures takes
 * several rows with the same id (service columns repeated, or left empty). A service
 * with no figure takes one row with the usage columns empty. Header names are
 * case-insensitive; unknown columns are rejected so a typo never silently drops data.
 * Endpoint provenance and run-time discovery (`endpoints`) are JSON-only: a CSV catalog
 * probes the URLs it lists.
 */
export const CSV_COLUMNS = [
  'id',
  'name',
  'name_fr',
  'category',
  'domains',
  'page',
  'media',
  'realtime',
  'call',
  'retired_year',
  'successor',
  'successor_id',
  'retired_note',
  'checked',
  'population',
  'share',
  'metric',
  'source',
  'year',
  'source_url',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns describing the service (must agree between rows of one id) vs. one usage figure. */
export const SERVICE_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.slice(0, CSV_COLUMNS.indexOf('population'));
export const USAGE_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.slice(CSV_COLUMNS.indexOf('population'));
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['id', 'name', 'category'];

/** Schema path → CSV column, so valibot errors point at the cell to fix. */
export function columnFor(path: readonly (string | number)[]): string {
  const [head, second, third] = path;
  if (head === 'channels' && second !== undefined) return String(second);
  if (head === 'usage') return third === 'url' ? 'source_url' : third === undefined ? 'usage' : String(third);
  if (head === 'retired') return second === 'year' ? 'retired_year' : second === 'note' ? 'retired_note' : second === 'successorId' ? 'successor_id' : 'successor';
  if (head === 'nameFr') return 'name_fr';
  return head === undefined ? 'row' : String(head);
}

/**
 * Spreadsheet formula triggers (OWASP "CSV Injection"): `= + - @`, and tab / CR which
 * some spreadsheets strip before evaluating.
 */
export const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * Prefixes `'` to a cell a spreadsheet would run as a formula, so it shows as text.
 * The one neutraliser for every CSV Access Gap writes (catalogs, reports, fleet).
 */
export function neutralise(cell: string): string {
  return FORMULA_TRIGGER.test(cell) ? `'${cell}` : cell;
}

/**
 * Reads a share as French Excel writes it: "63,7 %", "63.7%", "0,637" or "0.637".
 * A bare number above 1 is rejected rather than guessed as a percentage: "63.7"
 * could be a typo for 0.637 or 6.37 %, and a wrong weight silently skews the score.
 */
export function parseShare(cell: string): { ok: true; share: number } | { ok: false; reason: string } {
  const compact = cell.replace(/[\s\u00a0\u202f]/g, '');
  const percent = compact.endsWith('%');
  const number = (percent ? compact.slice(0, -1) : compact).replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(number)) return { ok: false, reason: `"${cell}" is not a number (write 63,7 % or 0,637)` };
  const value = Number(number);
  if (percent) {
    if (value > 100) return { ok: false, reason: `"${cell}" is above 100 %` };
    // Round away float noise: 63.7 / 100 = 0.6370000000000001.
    return { ok: true, share: Math.round(value * 1e4) / 1e6 };
  }
  if (value > 1) return { ok: false, reason: `${number} is above 1; write "${number} %" or "${value / 100}"` };
  return { ok: true, share: value };
}
