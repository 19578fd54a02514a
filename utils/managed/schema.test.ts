import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import referenceCatalog from '../catalog/reference.json';
import { chooseCatalog, CATALOG_CACHE_KEY } from './catalog-source';
import { installId } from './install-id';
import { readManagedConfig } from './read';
import { MANAGED_FIELDS, parseManagedConfig } from './schema';

/** A `storage.local` stand-in backed by a plain object. */
function memoryArea(initial: Record<string, unknown> = {}) {
  const data = { ...initial };
  return { data, get: async (key: string) => (key in data ? { [key]: data[key] } : {}), set: async (items: Record<string, unknown>) => void Object.assign(data, items) };
}

describe('parseManagedConfig', () => {
  it('keeps valid fields, ignores each invalid one with a reason', () => {
    const config = parseManagedConfig({
      organisation: 'Example Corp', site: 'Paris <HQ>', scheduleHours: 0.0001, uploadUrl: 'http://collector.corp/reports',
      uploadAuthorization: 'Bearer x', employeeCanDisableSchedule: true, colour: 'red',
    });
    expect(config).toMatchObject({ managed: true, organisation: 'Example Corp', uploadAuthorization: 'Bearer x', employeeCanDisableSchedule: true });
    expect(config.site).toBeUndefined();
    expect(config.scheduleHours).toBeUndefined();
    expect(config.uploadUrl).toBeUndefined();
    expect(config.issues).toEqual([
      'site: contains HTML (< or >)', 'scheduleHours: shorter than 3 s', 'uploadUrl: not an https URL (http only to localhost)', 'colour: unknown policy field',
    ]);
  });

  it('treats no policy as unmanaged, and a storage that throws as no policy', async () => {
    expect(parseManagedConfig(undefined)).toEqual({ managed: false, issues: [] });
    await expect(readManagedConfig({ get: () => Promise.reject(new Error('Managed storage manifest not found')) })).resolves.toEqual({ managed: false, issues: [] });
  });

  it('allows plain http only to loopback', () => {
    expect(parseManagedConfig({ uploadUrl: 'http://127.0.0.1:8787/reports' }).uploadUrl).toBe('http://127.0.0.1:8787/reports');
    expect(parseManagedConfig({ uploadUrl: 'https://user:pw@x.corp/' }).issues).toHaveLength(1);
  });

  it('declares every field in public/managed-schema.json and nothing else', () => {
    const schema = JSON.parse(readFileSync('public/managed-schema.json', 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(MANAGED_FIELDS).sort());
  });
});

describe('installId', () => {
  it('is generated once and then reused', async () => {
    const area = memoryArea();
    const first = await installId(area, () => 'aaaaaaaa-1111');
    expect(await installId(area, () => 'bbbbbbbb-2222')).toBe(first);
  });
});

describe('chooseCatalog', () => {
  const good = JSON.stringify({ ...referenceCatalog, name: 'Corp catalog' });
  const answer = (body: string, status = 200) => (async () => new Response(body, { status })) as unknown as typeof fetch;

  it('uses the bundled reference without a URL', async () => {
    expect((await chooseCatalog(undefined, memoryArea())).source).toBe('reference');
  });

  it('fetches, validates and caches; on failure the last good one stays', async () => {
    const area = memoryArea();
    const url = 'https://it.corp/catalog.json';
    expect(await chooseCatalog(url, area, answer(good))).toMatchObject({ source: 'managed', catalog: { name: 'Corp catalog' } });
    expect(area.data[CATALOG_CACHE_KEY]).toMatchObject({ url });
    expect(await chooseCatalog(url, area, answer('{"oops"'))).toMatchObject({ source: 'cached', catalog: { name: 'Corp catalog' }, error: expect.stringMatching(/invalid/) });
    expect(await chooseCatalog(url, area, answer('', 503))).toMatchObject({ source: 'cached', error: 'catalog URL answered HTTP 503' });
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    expect(await chooseCatalog(url, area, offline)).toMatchObject({ source: 'cached' });
    // The cache belongs to its URL: a new URL that fails falls back to the reference.
    expect(await chooseCatalog('https://it.corp/other.json', area, offline)).toMatchObject({ source: 'reference' });
  });
});
