import { describe, expect, it } from 'vitest';
import referenceJson from './reference.json';
import type { Catalog } from './schema';
import { activeCatalog, importCustomCatalog, loadCustomCatalog } from './custom-store';
import type { StorageArea } from '../platform/storage-area';

const reference = referenceJson as Catalog;

function memoryArea(): StorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(key) {
      return key in data ? { [key]: structuredClone(data[key]) } : {};
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
  };
}

const csv = (rows: string[]) => ['id,name,category,page', ...rows].join('\n');

describe('custom catalog store', () => {
  it('stores a valid file and merges it with the reference (custom wins by id)', async () => {
    const area = memoryArea();
    const outcome = await importCustomCatalog(area, reference, {
      text: csv(['intranet-chat,Chat interne,messaging,https://chat.example.org/', 'youtube,YouTube (ours),video,https://www.youtube.com/']),
      fileName: 'ours.csv',
      mode: 'merge',
    }, () => 42);
    expect(outcome.ok).toBe(true);
    const stored = await loadCustomCatalog(area);
    expect(stored?.importedAt).toBe(42);
    const { catalog, source } = activeCatalog(reference, stored);
    expect(source).toBe('custom');
    expect(catalog.services).toHaveLength(reference.services.length + 1);
    expect(catalog.services.find((s) => s.id === 'youtube')?.name).toBe('YouTube (ours)');
  });

  it('replace mode audits the custom services only', async () => {
    const area = memoryArea();
    await importCustomCatalog(area, reference, { text: csv(['a,A,video,https://a.example.org/']), fileName: 'a.csv', mode: 'replace' });
    expect(activeCatalog(reference, await loadCustomCatalog(area)).catalog.services.map((s) => s.id)).toEqual(['a']);
  });

  it('a rejected file changes nothing already stored', async () => {
    const area = memoryArea();
    await importCustomCatalog(area, reference, { text: csv(['a,A,video,https://a.example.org/']), fileName: 'a.csv', mode: 'merge' });
    const before = structuredClone(area.data);
    const outcome = await importCustomCatalog(area, reference, {
      text: csv(['b,B,video,http://b.example.org/']),
      fileName: 'bad.csv',
      mode: 'replace',
    });
    expect(outcome).toEqual({ ok: false, errors: [expect.stringMatching(/row 2, page: not an https URL/)] });
    expect(area.data).toEqual(before);
  });

  it('a managed catalog (set by IT) wins over the user’s', async () => {
    const area = memoryArea();
    await importCustomCatalog(area, reference, { text: csv(['a,A,video,https://a.example.org/']), fileName: 'a.csv', mode: 'merge' });
    const managed: Catalog = { ...reference, name: 'IT catalog' };
    expect(activeCatalog(reference, await loadCustomCatalog(area), managed)).toEqual({ catalog: managed, source: 'managed' });
  });

  it('an unreadable stored value counts as none', async () => {
    const area = memoryArea();
    area.data.customCatalog = { catalog: { nonsense: true } };
    expect(await loadCustomCatalog(area)).toBeUndefined();
    expect(activeCatalog(reference, await loadCustomCatalog(area)).source).toBe('reference');
  });
});
