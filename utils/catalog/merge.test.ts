import { describe, expect, it } from 'vitest';
import reference from './reference.json';
import { mergeCatalogs } from './merge';
import { canonicalJson, catalogHash } from './hash';
import type { Catalog } from './schema';

const ref = reference as Catalog;
const custom: Catalog = {
  schemaVersion: 1,
  name: 'Acme customers',
  version: '3',
  services: [
    { id: 'youtube', name: 'YouTube', category: 'video', channels: { page: 'https://www.youtube.com/' }, usage: [] },
    { id: 'acme-forum', name: 'Acme forum', category: 'forum', channels: { page: 'https://forum.acme.example/' }, usage: [] },
  ],
};

describe('mergeCatalogs', () => {
  it('lets custom entries win by id, keeps reference order and appends new ids', () => {
    const merged = mergeCatalogs(ref, custom);
    expect(merged.services).toHaveLength(ref.services.length + 1);
    expect(merged.services[0]).toEqual(custom.services[0]);
    expect(merged.services.at(-1)!.id).toBe('acme-forum');
    expect(merged).toMatchObject({ name: 'Acme customers', version: '3', base: ref.version });
  });

  it('replaces the reference entirely in replace mode', () => {
    expect(mergeCatalogs(ref, custom, 'replace')).toEqual(custom);
  });

  it('does not share objects with its inputs', () => {
    const merged = mergeCatalogs(ref, custom);
    merged.services[0]!.name = 'changed';
    expect(custom.services[0]!.name).toBe('YouTube');
  });
});

describe('catalogHash', () => {
  it('is a SHA-256 hex digest that ignores key order', async () => {
    const reordered = JSON.parse(canonicalJson(ref)) as Catalog;
    const reversed = Object.fromEntries(Object.entries(reordered).reverse()) as Catalog;
    const hash = await catalogHash(ref);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await catalogHash(reversed)).toBe(hash);
  });

  it('changes when any figure changes', async () => {
    const edited = structuredClone(ref);
    edited.services[0]!.usage[0]!.share = 0.5;
    expect(await catalogHash(edited)).not.toBe(await catalogHash(ref));
  });

  it('matches a known digest of a tiny catalog', async () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
    // echo -n '{"a":1}' | sha256sum
    expect(await catalogHash({ a: 1 } as unknown as Catalog)).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });
});
