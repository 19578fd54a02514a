import { describe, expect, it } from 'vitest';
import reference from '../catalog/reference.json';
import { DEFAULT_MAX_BYTES } from '../catalog/limits';
import { chooseCatalog } from './catalog-source';

/** A storage.local stand-in. */
function memoryArea() {
  const data: Record<string, unknown> = {};
  return { get: async (key: string) => ({ [key]: data[key] }), set: async (items: Record<string, unknown>) => void Object.assign(data, items) };
}

describe('chooseCatalog', () => {
  it('refuses a managed catalog larger than an imported file may be, and keeps the reference', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(64 * 1024).fill(0x20))) });
    const fetchFn = (async () => new Response(endless)) as unknown as typeof fetch;
    const choice = await chooseCatalog('https://it.corp/catalog.json', memoryArea(), fetchFn);
    expect(choice.source).toBe('reference');
    expect(choice.catalog.version).toBe(reference.version);
    expect(choice.error).toBe('catalog at the URL could not be read: the answer is larger than the 5 MB limit');
    expect(pulled * 64 * 1024).toBeLessThan(DEFAULT_MAX_BYTES + 256 * 1024);
  });

  it('uses a valid managed catalog within the cap', async () => {
    const fetchFn = (async () => new Response(JSON.stringify({ ...reference, name: 'IT catalog' }))) as unknown as typeof fetch;
    const choice = await chooseCatalog('https://it.corp/catalog.json', memoryArea(), fetchFn);
    expect([choice.source, choice.catalog.name]).toEqual(['managed', 'IT catalog']);
  });
});
