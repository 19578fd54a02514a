import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import reference from './reference.json';
import { parseCatalogFile, importCatalog } from './import';
import { parseCatalog } from './parse';
import { parseCatalogCsv } from './csv-import';
import { canonicalJson } from './hash';
import type { Catalog } from './schema';

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/catalog/${name}`, import.meta.url), 'utf8');
const parseFixture = (name: string) => parseCatalogFile(fixture(name), { fileName: name });

/** Each hostile or malformed file, and the exact first message the user sees. */
const REJECTED: [file: string, message: string][] = [
  ['wrong-type-share.json', 'service "youtube" (row 1), usage 1, share: expected number, got "63%"'],
  ['missing-name.json', 'service "youtube" (row 1), name: missing'],
  ['duplicate-id.json', 'duplicate id "youtube" (rows 1 and 3)'],
  ['proto-key.json', 'service (row 1): forbidden key "__proto__"'],
  ['constructor-key.json', 'catalog: forbidden key "constructor"'],
  ['http-media.json', 'service "yt" (row 3), media: not an https URL'],
  ['unknown-field.json', 'service "youtube" (row 1), tracking: unknown field'],
  ['newer-schema.json', 'schema version 7 is newer than this Access Gap understands (1)'],
  ['missing-schema.json', 'missing schemaVersion (this Access Gap understands 1)'],
  ['html-name.json', 'service "youtube" (row 1), name: contains HTML (< or >)'],
  ['formula-name.json', 'service "youtube" (row 1), name: looks like a spreadsheet formula (starts with = + - or @)'],
  ['truncated.json', 'not valid JSON: Unterminated string in JSON at position 120'],
  ['array-top.json', 'not a catalog: expected a JSON object with schemaVersion, name, version, services'],
  ['live-no-channels.json', 'service "youtube" (row 1), channels: needs at least one of page, media, realtime'],
  ['retired-with-channels.json', 'service "skype" (row 1), channels: a retired service has no channels to probe'],
  ['share-above-one.json', 'service "youtube" (row 1), usage 1, share: above 1 (shares are 0..1)'],
  ['bad-category.json', 'service "youtube" (row 1), category: not a lowercase category id'],
  ['bad-population.json', 'service "youtube" (row 1), usage 1, population: not FR, US or WORLD'],
  ['userinfo-url.json', 'service "youtube" (row 1), page: not an https URL'],
  ['empty-services.json', 'catalog, services: no services'],
  ['hyperlink.csv', 'row 2, name: looks like a spreadsheet formula (starts with "="); remove it'],
  ['at-formula.csv', 'row 2, source: looks like a spreadsheet formula (starts with "@"); remove it'],
  ['tab-formula.csv', 'row 2, id: looks like a spreadsheet formula (starts with a tab); remove it'],
  ['html-name.csv', 'row 2, name: contains HTML (< or >)'],
  ['unknown-column.csv', 'row 1: unknown column "nom" (expected some of id, name, name_fr, category, domains, page, media, realtime, call, retired_year, successor, successor_id, retired_note, checked, population, share, metric, source, year, source_url)'],
  ['missing-column.csv', 'row 1: missing column "category"'],
  ['share-ambiguous.csv', 'row 2, share: 63.7 is above 1; write "63.7 %" or "0.637"'],
  ['share-not-number.csv', 'row 2, share: "about half" is not a number (write 63,7 % or 0,637)'],
  ['duplicate-id.csv', 'duplicate id "youtube" (rows 2 and 4): name differs'],
  ['unclosed-quote.csv', 'row 3: Quoted field unterminated'],
  ['extra-cells.csv', 'row 2: 15 cells but the header has 14 columns'],
  ['missing-id.csv', 'row 3, id: missing'],
  ['http-media.csv', 'row 3, media: not an https URL'],
  ['french-excel-http.csv', 'row 5, page: not an https URL'],
];

/** Generated in the test rather than committed: 10 MB fixtures would bloat the repository. */
const tenMegabytesOfJson = () => {
  const entry = JSON.stringify({ id: 'x', name: 'X', category: 'video', channels: { page: 'https://x.example/' }, usage: [] });
  const services = Array.from({ length: Math.ceil((10 * 1024 * 1024) / entry.length) }, () => entry).join(',');
  return `{"schemaVersion":1,"name":"big","version":"1","services":[${services}]}`;
};
const tenMegabytesOfCsv = () =>
  'id,name,category,page\n' + 'x,X,video,https://x.example/\n'.repeat(Math.ceil((10 * 1024 * 1024) / 29));
const deeplyNested = () =>
  `{"schemaVersion":1,"name":"n","version":"1","services":[{"id":"x","name":"X","category":"video","channels":{"page":"https://x.example/"},"usage":[],"checked":${'['.repeat(50_000)}${']'.repeat(50_000)}}]}`;

const GENERATED: [label: string, text: () => string, fileName: string, message: string][] = [
  ['10 MB of JSON services', tenMegabytesOfJson, 'big.json', 'file is 10.1 MB, over the 5 MB limit'],
  ['10 MB of CSV rows', tenMegabytesOfCsv, 'big.csv', 'file is 10 MB, over the 5 MB limit'],
  ['50 000 nested arrays', deeplyNested, 'deep.json', 'service (row 1), checked: nested deeper than 8 levels'],
];

describe('importing malformed or hostile catalogs', () => {
  it.each(REJECTED)('%s is rejected with a precise message', (file, message) => {
    const result = parseFixture(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toBe(message);
  });

  it.each(GENERATED)('%s is rejected with a precise message', (_label, text, fileName, message) => {
    const result = parseCatalogFile(text(), { fileName });
    expect(result).toEqual({ ok: false, errors: [message] });
  });

  it('states the row limit when a file has too many services', () => {
    const services = [1, 2, 3].map((n) => ({ id: `s${n}`, name: 'S', category: 'video', channels: { page: 'https://s.example/' }, usage: [] }));
    const json = JSON.stringify({ schemaVersion: 1, name: 'n', version: '1', services });
    expect(parseCatalog(json, { maxServices: 2 })).toEqual({ ok: false, errors: ['3 services, over the limit of 2'] });
    const csv = 'id,name,category,page\n' + 's,S,video,https://s.example/\n'.repeat(11);
    expect(parseCatalogCsv(csv, { maxServices: 2 })).toEqual({ ok: false, errors: ['11 rows, over the limit of 10'] });
  });

  it('never pollutes Object.prototype and leaves the stored catalog unchanged', () => {
    const stored = deepFreeze(structuredClone(reference) as Catalog);
    const before = canonicalJson(stored);
    for (const [file] of REJECTED) expect(importCatalog(stored, fixture(file), { fileName: file }).ok, file).toBe(false);
    expect(canonicalJson(stored)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('caps a flood of errors and says how many were left out', () => {
    const csv = 'id,name,category,page\n' + 'x,X,video,http://x.example/\n'.repeat(30).replace(/x,/g, (_m, i: number) => `x${i},`);
    const result = parseCatalogCsv(csv);
    expect(result.ok ? [] : result.errors).toHaveLength(21);
    expect(result.ok ? '' : result.errors.at(-1)).toBe('… and 10 more errors');
  });
});

describe('accepted files', () => {
  it('accepts a JSON catalog with a BOM', () => {
    expect(parseFixture('bom.json')).toMatchObject({ ok: true, catalog: { services: [{ id: 'youtube' }] } });
  });

  it('accepts a well-formed French Excel CSV (BOM, ;, "63,7 %", quoted cells, CRLF, empty rows)', () => {
    const result = parseFixture('french-excel.csv');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { services, name } = result.catalog;
    expect(name).toBe('french-excel');
    expect(services.map((s) => s.id)).toEqual(['whatsapp', 'google-search', 'leboncoin']);
    expect(services[0]!.usage.map((u) => u.share)).toEqual([0.637, 0.29]);
    expect(services[0]!.usage[0]!.source).toBe('DataReportal; "Digital 2024: France"');
    expect(services[0]!.channels.realtime).toBe('wss://web.whatsapp.com/ws/chat');
    expect(services[1]).toMatchObject({ nameFr: 'Recherche Google', usage: [{ share: 0.88, year: 2023 }] });
    expect(services[2]!.usage).toEqual([]);
  });

  it('merges an accepted file into the reference, custom winning by id', () => {
    const result = importCatalog(reference as Catalog, fixture('valid.csv'), { fileName: 'valid.csv' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.catalog.services.length).toBe(reference.services.length);
    expect(result.catalog.services.find((s) => s.id === 'wikipedia')?.category).toBe('reference');
    expect(result.catalog.base).toBe(reference.version);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
