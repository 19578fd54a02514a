import * as v from 'valibot';
import { CatalogSchema, type Catalog, type ServiceEntry } from './schema';
import { CATALOG_SCHEMA_VERSION } from './types';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_SERVICES, sizeError, stripBom, type ImportLimits, type ParseResult } from './limits';
import { capErrors, describeIssue, duplicateIdErrors, issuePath, validateEntry, type EntryPath } from './validate';

/** Keys that would reach `Object.prototype` if the parsed object were ever spread or merged naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A catalog is 5 levels deep (catalog › services › entry › usage › figure); more is hostile. */
const MAX_DEPTH = 8;

/** Top level without the services, which are validated one by one to name the row. */
const HeaderSchema = v.strictObject({ ...CatalogSchema.entries, services: v.array(v.unknown()) });

/**
 * Parses and validates a JSON catalog. Never throws; every error names the service
 * (id and 1-based row) and the field, e.g. `service "yt" (row 3), media: not an https URL`.
 */
export function parseCatalog(text: string, opts: ImportLimits = {}): ParseResult<Catalog> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxServices = opts.maxServices ?? DEFAULT_MAX_SERVICES;
  const tooBig = sizeError(text, maxBytes);
  if (tooBig) return fail(tooBig);

  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (error) {
    return fail(`not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(data)) return fail('not a catalog: expected a JSON object with schemaVersion, name, version, services');

  const shapeErrors = forbiddenKeyErrors(data);
  if (shapeErrors.length) return { ok: false, errors: capErrors(shapeErrors) };

  const versionError = schemaVersionError(data.schemaVersion);
  if (versionError) return fail(versionError);
  if (Array.isArray(data.services) && data.services.length > maxServices) {
    return fail(`${data.services.length} services, over the limit of ${maxServices}`);
  }

  const header = v.safeParse(HeaderSchema, data);
  if (!header.success) {
    return { ok: false, errors: capErrors(header.issues.map((i) => `catalog, ${issuePath(i).join('.')}: ${describeIssue(i)}`)) };
  }
  if (header.output.services.length === 0) return fail('catalog, services: no services');

  const errors: string[] = [];
  const valid: { service: ServiceEntry; row: number }[] = [];
  header.output.services.forEach((entry, index) => {
    const row = index + 1;
    const result = validateEntry(entry, (path) => ({ where: serviceLabel(entry, row), field: fieldName(path) }));
    if (result.ok) valid.push({ service: result.service, row });
    else errors.push(...result.errors);
  });
  errors.push(...duplicateIdErrors(valid.map(({ service, row }) => ({ id: service.id, row }))));
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return { ok: true, catalog: { ...header.output, services: valid.map((x) => x.service) } };
}

/** Explains a missing, older or newer `schemaVersion`. */
export function schemaVersionError(version: unknown): string | undefined {
  if (version === CATALOG_SCHEMA_VERSION) return undefined;
  if (version === undefined) return `missing schemaVersion (this Access Gap understands ${CATALOG_SCHEMA_VERSION})`;
  if (typeof version === 'number' && Number.isInteger(version) && version > CATALOG_SCHEMA_VERSION) {
    return `schema version ${version} is newer than this Access Gap understands (${CATALOG_SCHEMA_VERSION})`;
  }
  return `unknown schema version ${JSON.stringify(version)} (this Access Gap understands ${CATALOG_SCHEMA_VERSION})`;
}

/** `service "yt" (row 3)`, or `service (row 3)` when the entry has no usable id. */
function serviceLabel(entry: unknown, row: number): string {
  const id = isPlainObject(entry) && typeof entry.id === 'string' ? entry.id.slice(0, 40) : undefined;
  return id ? `service ${JSON.stringify(id)} (row ${row})` : `service (row ${row})`;
}

/** `media` for channels, `usage 2, share` for figures, the key otherwise. */
function fieldName(path: EntryPath): string {
  const [head, second, third] = path;
  if (head === 'channels' && second !== undefined) return String(second);
  if (head === 'usage' && typeof second === 'number') return third === undefined ? `usage ${second + 1}` : `usage ${second + 1}, ${third}`;
  if (head === 'retired' && second !== undefined) return `retired.${second}`;
  if (head === 'domains' && typeof second === 'number') return `domains ${second + 1}`;
  return path.length ? String(head) : 'entry';
}

/**
 * Rejects `__proto__`, `constructor` and `prototype` keys anywhere, and absurd nesting.
 * `JSON.parse` itself stores `__proto__` as a harmless own key, but any later spread or
 * deep merge of it would pollute `Object.prototype`; an honest catalog never has them.
 * Iterative, so a hostile 100 000-level file cannot overflow the stack.
 */
function forbiddenKeyErrors(root: object): string[] {
  const errors: string[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length > MAX_DEPTH) {
      errors.push(`${pathLabel(path)}: nested deeper than ${MAX_DEPTH} levels`);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) errors.push(`${pathLabel(path)}: forbidden key "${key}"`);
      else stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return errors.reverse();
}

function pathLabel(path: string[]): string {
  if (path[0] === 'services' && path[1] !== undefined) {
    // Name the field only: "checked.0.0.0.0" helps nobody find the problem.
    const field = path[2];
    return `service (row ${Number(path[1]) + 1})${field ? `, ${field}` : ''}`;
  }
  return path.length ? `catalog, ${path.join('.')}` : 'catalog';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): { ok: false; errors: string[] } {
  return { ok: false, errors: [message] };
}
