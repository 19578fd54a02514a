import type { Catalog } from './schema';

/** How a custom catalog is combined with the reference one. */
export type MergeMode = 'merge' | 'replace';

/**
 * Combines a custom catalog with the reference. `replace` uses the custom catalog
 * alone. `merge` keeps the reference order, replaces reference services whose id the
 * custom catalog redefines (custom wins: the customer's figures beat ours), and
 * appends the custom-only services. The result takes the custom name and version and
 * records the reference version in `base`, so a report can say what it measured.
 * Inputs are never mutated: a failed import must leave the stored catalog as it was.
 */
export function mergeCatalogs(reference: Catalog, custom: Catalog, mode: MergeMode = 'merge'): Catalog {
  if (mode === 'replace') return structuredClone(custom);
  const overrides = new Map(custom.services.map((s) => [s.id, s]));
  const referenceIds = new Set(reference.services.map((s) => s.id));
  const services = [
    ...reference.services.map((s) => overrides.get(s.id) ?? s),
    ...custom.services.filter((s) => !referenceIds.has(s.id)),
  ];
  return structuredClone({
    schemaVersion: custom.schemaVersion,
    name: custom.name,
    version: custom.version,
    base: reference.version,
    services,
  });
}
