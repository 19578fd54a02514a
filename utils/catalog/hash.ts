import type { Catalog } from './schema';

/**
 * JSON with object keys sorted at every level and no whitespace, so the same catalog
 * always serialises to the same bytes whatever order its keys were written in.
 * Array order is kept: services are listed in display order, and a reordered catalog
 * is reported as different rather than risk equating two catalogs that are not.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 (lower-case hex) of the catalog's canonical JSON. Reports store it next to
 * the catalog version, so two audits run against different catalogs are never
 * compared silently. Uses Web Crypto, present in the MV3 service worker and Node ≥ 20.
 */
export async function catalogHash(catalog: Catalog, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(catalog));
  const digest = await subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
