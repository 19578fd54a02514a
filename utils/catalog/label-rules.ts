import * as v from 'valibot';

/**
 * Characters a label (service name, catalog name and version, site, organisation)
 * never needs and that hide or reorder text: C0/C1 controls (break NDJSON and CSV
 * lines), format characters — zero-width U+200B–U+200D, bidirectional overrides
 * and isolates U+202A–U+202E, U+2066–U+2069 (the "Trojan Source" trick that makes
 * a label read differently from what it is), soft hyphen, BOM — and the line and
 * paragraph separators U+2028/U+2029. Unicode general categories Cc, Cf, Zl, Zp.
 */
export const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** `U+202E`: the first hidden character of `text`, named so the user can find it. */
export function hiddenCharacter(text: string): string | undefined {
  const code = HIDDEN_CHARACTER.exec(text)?.[0].codePointAt(0);
  return code === undefined ? undefined : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `<` or `>`: HTML. Once, not a new RegExp per checked label (a collector checks thousands a second). */
const HTML = /[<>]/;

/**
 * A label as extension and receiver both check it (catalog import, managed policy,
 * report validation): one definition, so a catalog the receiver would refuse is
 * refused at import instead (docs/upload-protocol.md). No `<` or `>` either: labels
 * end up in HTML and CSV built by other tools. Usable inside another `v.pipe`.
 */
export function label(max: number) {
  return v.pipe(
    v.string(),
    v.maxLength(max, `longer than ${max} characters`),
    v.check((s) => !HTML.test(s), 'contains HTML (< or >)'),
    v.check((s) => !HIDDEN_CHARACTER.test(s), (issue) => `contains an invisible or control character (${hiddenCharacter(String(issue.input)) ?? '?'})`),
  );
}

/**
 * The longest each label may be, wherever it is checked: catalog import, managed policy,
 * report validation at the receiver, the user's settings and the pages' inputs.
 */
export const LABEL_MAX = {
  serviceName: 100,
  catalogName: 200,
  catalogVersion: 50,
  site: 100,
  organisation: 200,
  /** The user's network label ("Paris HQ, guest Wi-Fi"), attached to audits by opt-in. */
  networkLabel: 80,
} as const;

/** Service, category and usage-source ids: lowercase letters, digits and inner hyphens, up to 40. */
export const CATALOG_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A catalog id, refused with `message` (which says whose id it is). */
export const catalogId = (message = 'not a lowercase id') => v.pipe(v.string(), v.regex(CATALOG_ID, message));
