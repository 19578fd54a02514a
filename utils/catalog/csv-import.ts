import Papa from 'papaparse';
import * as v from 'valibot';
import { CatalogNameSchema, type Catalog, type ServiceEntry } from './schema';
import { CATALOG_SCHEMA_VERSION } from './types';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_SERVICES, ROWS_PER_SERVICE, sizeError, stripBom, type ImportLimits, type ParseResult } from './limits';
import { capErrors, describeIssue, validateEntry } from './validate';
import { CSV_COLUMNS, FORMULA_TRIGGER, REQUIRED_COLUMNS, SERVICE_COLUMNS, columnFor, parseShare, type CsvColumn } from './csv-columns';

/** CSV import options: limits, plus the catalog name and version CSV has no room for. */
export interface CsvImportOptions extends ImportLimits {
  name?: string;
  version?: string;
}

const TRIGGER_NAMES: Record<string, string> = { '\t': 'a tab', '\r': 'a carriage return' };

type Row = Partial<Record<CsvColumn, string>>;
/** One service's rows; `at` is the row it starts on. */
interface Group { id: string; at: number; rows: { row: number; cells: Row }[] }

/**
 * Parses a CSV catalog (`,` or `;` separated, optional BOM, quoted cells, decimal
 * commas). Errors name the spreadsheet row (header = row 1) and column, e.g.
 * `row 12, media: not an https URL`. Formula-looking cells are rejected, not
 * neutralised: no catalog value legitimately starts with `=`, and a silently
 * "fixed" `'=HYPERLINK(…)` name would then show in the UI and every report.
 */
export function parseCatalogCsv(text: string, opts: CsvImportOptions = {}): ParseResult<Catalog> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxServices = opts.maxServices ?? DEFAULT_MAX_SERVICES;
  const tooBig = sizeError(text, maxBytes);
  if (tooBig) return fail(tooBig);
  const body = stripBom(text);
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  // French Excel writes `;` because `,` is its decimal separator.
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  const structural = parsed.errors.filter((e) => e.type === 'Quotes');
  const broken = structural[0];
  if (broken) return fail(`row ${(broken.row ?? 0) + 1}: ${broken.message}`);

  const [headerCells = [], ...records] = parsed.data;
  const header = headerCells.map((h) => h.trim().toLowerCase());
  const headerErrors = checkHeader(header);
  if (headerErrors.length) return { ok: false, errors: headerErrors };
  const maxRows = maxServices * ROWS_PER_SERVICE;
  const filled = records.filter((cells) => cells.some((c) => c.trim() !== '')).length;
  if (filled > maxRows) return fail(`${filled} rows, over the limit of ${maxRows}`);

  const errors: string[] = [];
  const groups = new Map<string, Group>();
  records.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return; // Excel pads files with empty rows.
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim())) {
      errors.push(`row ${row}: ${cells.length} cells but the header has ${header.length} columns`);
      return;
    }
    const record: Row = {};
    const formulas = header.flatMap((column, i) => {
      const raw = cells[i] ?? '';
      const cell = raw.trim();
      // Test the raw cell too: a leading tab or CR is itself a trigger, and trimming would hide it.
      const trigger = [raw, cell].map((c) => FORMULA_TRIGGER.exec(c)?.[0]).find(Boolean);
      if (cell) record[column as CsvColumn] = cell;
      return trigger ? [`row ${row}, ${column}: looks like a spreadsheet formula (starts with ${TRIGGER_NAMES[trigger] ?? `"${trigger}"`}); remove it`] : [];
    });
    if (formulas.length) return void errors.push(...formulas);
    if (!record.id) return void errors.push(`row ${row}, id: missing`);
    const group = groups.get(record.id) ?? { id: record.id, at: row, rows: [] };
    groups.set(record.id, group);
    const first = group.rows[0];
    const differs = first && SERVICE_COLUMNS.find((c) => record[c] !== undefined && first.cells[c] !== undefined && record[c] !== first.cells[c]);
    if (first && differs) errors.push(`duplicate id "${record.id}" (rows ${first.row} and ${row}): ${differs} differs`);
    else group.rows.push({ row, cells: record });
  });
  if (groups.size > maxServices) return fail(`${groups.size} services, over the limit of ${maxServices}`);

  const services: ServiceEntry[] = [];
  for (const group of groups.values()) {
    const built = buildEntry(group, errors);
    if (!built) continue;
    const result = validateEntry(built.entry, (path) => ({
      where: `row ${path[0] === 'usage' && typeof path[1] === 'number' ? built.usageRows[path[1]] : group.at}`,
      field: columnFor(path),
    }));
    if (result.ok) services.push(result.service);
    else errors.push(...result.errors);
  }
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  if (!services.length) return fail('no services: the file has a header but no rows');
  const name = opts.name ?? opts.fileName?.replace(/\.[^.]*$/, '') ?? 'Custom catalog';
  // CSV has no room for a name: it comes from the file name, and must pass the same rules as any name,
  // or the stored catalog would be refused later (by the store, or by the receiver of every report).
  const checkedName = v.safeParse(CatalogNameSchema, name);
  if (!checkedName.success) {
    const reason = describeIssue(checkedName.issues[0]);
    return fail(opts.name === undefined && opts.fileName ? `file name "${opts.fileName.slice(0, 80)}": as the catalog name it ${reason === 'empty' ? 'is empty' : reason}; rename the file` : `catalog name: ${reason}`);
  }
  return { ok: true, catalog: { schemaVersion: CATALOG_SCHEMA_VERSION, name: checkedName.output, version: opts.version ?? 'custom', services } };
}

function checkHeader(header: string[]): string[] {
  const errors: string[] = [];
  header.forEach((column, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
      errors.push(`row 1: unknown column "${column.slice(0, 40)}" (expected some of ${CSV_COLUMNS.join(', ')})`);
    } else if (header.indexOf(column) !== i) errors.push(`row 1: column "${column}" appears twice`);
  });
  for (const column of REQUIRED_COLUMNS) if (!header.includes(column)) errors.push(`row 1: missing column "${column}"`);
  return capErrors(errors);
}

/** Builds the JSON-shaped entry of one id; cell-level errors (share, years) go to `errors`. */
function buildEntry(group: Group, errors: string[]): { entry: unknown; usageRows: number[] } | undefined {
  const cell = (c: CsvColumn) => group.rows.find((r) => r.cells[c] !== undefined)?.cells[c];
  const { at } = group;
  const before = errors.length;
  const year = (value: string | undefined, row: number, column: string) => {
    if (value === undefined) return undefined;
    if (/^\d{4}$/.test(value)) return Number(value);
    errors.push(`row ${row}, ${column}: "${value}" is not a year`);
    return undefined;
  };
  const channels = Object.fromEntries((['page', 'media', 'realtime', 'call'] as const).flatMap((c) => (cell(c) ? [[c, cell(c)]] : [])));
  const retiredYear = year(cell('retired_year'), at, 'retired_year');
  const usageRows: number[] = [];
  const usage = group.rows.flatMap(({ row, cells }) => {
    if (!cells.population && !cells.share && !cells.source && !cells.metric && !cells.year && !cells.source_url) return [];
    let share: number | null = null;
    if (cells.share) {
      const parsed = parseShare(cells.share);
      if (parsed.ok) share = parsed.share;
      else errors.push(`row ${row}, share: ${parsed.reason}`);
    }
    usageRows.push(row);
    const figure = { population: cells.population, share, metric: cells.metric, source: cells.source, year: year(cells.year, row, 'year'), url: cells.source_url };
    return [figure];
  });
  if (errors.length > before) return undefined;
  const entry = {
    id: group.id,
    name: cell('name'),
    nameFr: cell('name_fr'),
    category: cell('category'),
    domains: cell('domains')?.split(/[\s|]+/).filter(Boolean),
    retired: retiredYear === undefined ? undefined : { year: retiredYear, successor: cell('successor'), successorId: cell('successor_id'), note: cell('retired_note') },
    channels,
    usage,
    checked: cell('checked'),
  };
  // The JSON round trip drops undefined keys, so an empty optional cell is "absent", not "invalid".
  return { entry: JSON.parse(JSON.stringify(entry)), usageRows };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function fail(message: string): { ok: false; errors: string[] } {
  return { ok: false, errors: [message] };
}
