import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateReportValue } from '../fleet/validate-report';
import { generateReports } from '../fleet/generate-reports';
import { parseCatalog } from './parse';
import { parseCatalogCsv } from './csv-import';
import { hiddenCharacter } from './label-rules';

const valid = JSON.parse(readFileSync(new URL('../../tests/fixtures/catalog/valid.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const catalogWith = (field: 'name' | 'version', value: string) => JSON.stringify({ ...valid, [field]: value });
const receiverAccepts = (catalog: { name: string; version: string }) =>
  validateReportValue({ ...generateReports(1)[0]!, catalog: { ...catalog, hash: 'h' } }).ok;

describe('labels: what the receiver refuses, catalog import refuses', () => {
  it.each([
    ['zero-width space', 'You\u200bTube', 'U+200B'],
    ['right-to-left override', 'Catalog \u202egnp.exe', 'U+202E'],
    ['line separator', 'Line\u2028break', 'U+2028'],
    ['left-to-right isolate', 'a\u2066b', 'U+2066'],
    ['BOM inside', 'a\ufeffb', 'U+FEFF'],
    ['C1 control', 'a\u0085b', 'U+0085'],
    ['newline', 'a\nb', 'U+000A'],
  ])('%s is named in the reason', (_what, value, code) => {
    expect(hiddenCharacter(value)).toBe(code);
    for (const field of ['name', 'version'] as const) {
      const parsed = parseCatalog(catalogWith(field, value));
      expect(parsed.ok, field).toBe(false);
      if (!parsed.ok) expect(parsed.errors[0]).toContain(`catalog, ${field}: contains an invisible or control character (${code})`);
    }
  });

  it.each([['1.0<beta>'], ['v\u202e1'], ['x'.repeat(51)], ['ok-1.2']])('catalog version %j: import and receiver agree', (version) => {
    expect(parseCatalog(catalogWith('version', version)).ok).toBe(receiverAccepts({ name: 'Fixture', version }));
  });

  it('refuses a hidden character in a service name from CSV, naming row and column', () => {
    const csv = 'id,name,category,page\nyt,You\u200bTube,video,https://www.youtube.com/\n';
    expect(parseCatalogCsv(csv)).toEqual({ ok: false, errors: ['row 2, name: contains an invisible or control character (U+200B)'] });
  });

  it('accepts accents, CJK and emoji', () => {
    expect(hiddenCharacter('Télé 電視 📺 Ça')).toBeUndefined();
    expect(parseCatalog(catalogWith('name', 'Télé 電視 📺')).ok).toBe(true);
  });
});
