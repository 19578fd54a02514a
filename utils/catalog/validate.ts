import * as v from 'valibot';
import { ServiceEntrySchema, type ServiceEntry } from './schema';

/** A path inside one service entry, as valibot reports it: `['channels', 'media']`, `['usage', 0, 'share']`. */
export type EntryPath = readonly (string | number)[];

/**
 * Where an error is, in the words of the file format: JSON names the service and its
 * position, CSV names the spreadsheet row and column the user has to fix.
 */
export type Locate = (path: EntryPath) => { where: string; field: string };

/** Errors reported at most, so a 10 MB file of bad rows still gives a readable message. */
export const MAX_ERRORS = 20;

/** Turns a valibot issue into a short human reason ("missing", `unknown field "foo"`, "not an https URL"). */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown field';
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'missing';
  if (issue.kind === 'schema' && !['picklist', 'literal'].includes(issue.type)) {
    return `expected ${issue.expected}, got ${issue.received}`;
  }
  // Our schema gives every check its own short message; valibot's defaults start "Invalid …: ".
  return issue.message.replace(/^Invalid \w+: /, '');
}

/** The keys of a valibot issue path. */
export function issuePath(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

/** Validates one service entry; returns it or the located error messages. */
export function validateEntry(
  value: unknown,
  locate: Locate,
): { ok: true; service: ServiceEntry } | { ok: false; errors: string[] } {
  const result = v.safeParse(ServiceEntrySchema, value);
  if (result.success) return { ok: true, service: result.output };
  return {
    ok: false,
    errors: result.issues.map((issue) => {
      const { where, field } = locate(issuePath(issue));
      return `${where}, ${field}: ${describeIssue(issue)}`;
    }),
  };
}

/** Ids seen more than once, as `duplicate id "x" (rows 2 and 7)`; `rows` are the 1-based positions. */
export function duplicateIdErrors(items: { id: string; row: number }[]): string[] {
  const first = new Map<string, number>();
  const errors: string[] = [];
  for (const { id, row } of items) {
    const seen = first.get(id);
    if (seen === undefined) first.set(id, row);
    else errors.push(`duplicate id "${id}" (rows ${seen} and ${row})`);
  }
  return errors;
}

/** Caps a list of errors at `MAX_ERRORS`, saying how many were left out. */
export function capErrors(errors: string[]): string[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more errors`];
}
