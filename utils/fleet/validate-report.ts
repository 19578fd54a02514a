import * as v from 'valibot';
import { REPORT_SCHEMA_VERSION } from '../report/types';
import { compileSchema, REFUSED } from './compiled-schema';
import { FleetReportSchema, type FleetReport } from './report-schema';

export { FleetReportSchema, type FleetReport, type FleetService } from './report-schema';

/**
 * 5 MB per report: a reference-catalog report is ≈ 60 kB, a 2000-service custom
 * catalog with full evidence stays under 3 MB; more is a mistake or an attack on
 * the receiver's or the fleet page's memory.
 */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;
/** Reports are 6 levels deep (report › services › service › usage › figure); more is hostile. */
const MAX_DEPTH = 10;
/** Keys that would reach `Object.prototype` through any later spread or merge. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The schema as plain closures: a collector validates thousands of reports a second (compiled-schema.ts). */
const fastReport = compileSchema(FleetReportSchema);

export type ValidationResult = { ok: true; report: FleetReport } | { ok: false; reason: string };

/**
 * Validate one report given as JSON text (a posted body, a file, an NDJSON line).
 * Never throws; a rejection carries one short reason naming the field.
 */
export function validateReportText(text: string, maxBytes = MAX_REPORT_BYTES): ValidationResult {
  // Cheap bound first (≥ 1 byte per UTF-16 unit), exact UTF-8 length only near the limit.
  if (text.length > maxBytes / 3 && new TextEncoder().encode(text).length > maxBytes) {
    return fail(`larger than the ${formatMb(maxBytes)} limit for one report`);
  }
  let value: unknown;
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
  return validateReportValue(value, plainText(json));
}

/**
 * Validate an already parsed value (e.g. one element of a JSON array). `plain`: its JSON
 * text was shown to hold no forbidden key and no deep nesting (`plainText`), so the walk
 * of every value is skipped.
 */
export function validateReportValue(value: unknown, plain = false): ValidationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a report (expected a JSON object)');
  const shape = plain ? undefined : forbiddenShape(value);
  if (shape) return fail(shape);
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== REPORT_SCHEMA_VERSION) {
    return fail(`schema version ${JSON.stringify(version ?? null)?.slice(0, 20)} is not ${REPORT_SCHEMA_VERSION}, the one this Access Gap reads`);
  }
  const fast = fastReport(value);
  if (fast !== REFUSED) return { ok: true, report: fast as FleetReport };
  // Valibot says why (and decides: the compiled check never accepts what it refuses).
  const result = v.safeParse(FleetReportSchema, value, { abortEarly: true });
  if (result.success) return { ok: true, report: result.output };
  const issue = result.issues[0];
  const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
  return fail(`${path || 'report'}: ${issue.message.replace(/^Invalid \w+: /, '')}`);
}

/**
 * `__proto__`, `constructor`, `prototype` keys anywhere, or absurd nesting. `JSON.parse`
 * keeps `__proto__` as a harmless own key, but an honest report never has one and any
 * later merge of it would pollute `Object.prototype`. Iterative: no stack overflow.
 * Every posted report is walked, so the walk allocates nothing but its two stacks;
 * only a refusal walks again to spell out where (`refusalPath`).
 */
function forbiddenShape(root: object): string | undefined {
  const values: object[] = [root];
  const depths: number[] = [0];
  while (values.length) {
    const value = values.pop() as object;
    const depth = (depths.pop() as number) + 1;
    if (Array.isArray(value)) {
      for (const child of value as unknown[]) {
        if (typeof child !== 'object' || child === null) continue;
        if (depth > MAX_DEPTH) return refusalPath(root);
        values.push(child);
        depths.push(depth);
      }
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (FORBIDDEN_KEYS.has(key)) return refusalPath(root);
      const child = (value as Record<string, unknown>)[key];
      if (typeof child !== 'object' || child === null) continue;
      if (depth > MAX_DEPTH) return refusalPath(root);
      values.push(child);
      depths.push(depth);
    }
  }
  return undefined;
}

/** A forbidden key's letters, or any `\u` escape, which could spell one (`"\u005f_proto__"`). */
const MAYBE_FORBIDDEN = /__proto__|constructor|prototype|\\u/;

/**
 * Whether valid JSON text certainly passes `forbiddenShape`: none of its strings can spell
 * a forbidden key, and its brackets never nest deeper than the walk allows. Searching the
 * text and hopping over its strings with `indexOf` costs a fraction of walking every
 * parsed value (a posted report's channel evidence is most of it), and an answer of
 * false only means the walk decides.
 */
function plainText(json: string): boolean {
  if (MAYBE_FORBIDDEN.test(json)) return false;
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // To the closing quote: one not escaped by an odd run of backslashes.
      for (;;) {
        i = json.indexOf('"', i + 1);
        if (i < 0) return false;
        let backslashes = 0;
        while (json.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      // The root is at depth 1 here and 0 in the walk, which refuses a value deeper than MAX_DEPTH.
      if (++depth > MAX_DEPTH) return false;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return true;
}

/** Where `forbiddenShape` refused `root`, as `report.a.b: reason`: the first forbidden key or too deep a value. */
function refusalPath(root: object): string {
  // Each entry remembers its parent and key; a path is spelled out only for the refusal.
  interface At { value: object; depth: number; parent?: At; key?: string }
  const pathOf = (at: At) => {
    const keys: string[] = [];
    for (let a: At | undefined = at; a?.key !== undefined; a = a.parent) keys.unshift(a.key);
    return ['report', ...keys].join('.').slice(0, 200);
  };
  const stack: At[] = [{ value: root, depth: 0 }];
  for (let at = stack.pop(); at; at = stack.pop()) {
    for (const key of Object.keys(at.value)) {
      if (FORBIDDEN_KEYS.has(key)) return `${pathOf(at)}: forbidden key "${key}"`;
      const child = (at.value as Record<string, unknown>)[key];
      if (typeof child !== 'object' || child === null) continue;
      const next: At = { value: child, depth: at.depth + 1, parent: at, key };
      if (next.depth > MAX_DEPTH) return `${pathOf(next)}: nested deeper than ${MAX_DEPTH} levels`;
      stack.push(next);
    }
  }
  return 'report: forbidden key or nesting';
}

/** `5 MB`, `20.5 MB`. */
export function formatMb(bytes: number): string {
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function fail(reason: string): ValidationResult {
  return { ok: false, reason };
}
