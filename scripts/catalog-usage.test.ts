import { mkdtempSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import reference from '../utils/catalog/reference.json';
import activities from '../utils/catalog/activities.json';
import { compileFromFiles, REFERENCE_FILE, runCatalogUsage, USAGE_DIR } from './catalog-usage';

describe('npm run catalog:usage', () => {
  const compiled = compileFromFiles();

  it('compiles data/usage without a problem', () => {
    expect(compiled.problems).toEqual([]);
  });

  it('is what reference.json and activities.json hold: figures are never edited by hand', () => {
    expect(compiled.catalog).toEqual(reference);
    expect(compiled.activities).toEqual(activities);
    const out: string[] = [];
    expect(runCatalogUsage(['--check'], (s) => out.push(s), (s) => out.push(s))).toBe(0);
    expect(out.join('\n')).toMatch(/^up to date: live services with a figure: FR \d+, US \d+/);
  });

  it('gives every live service, for FR and US, a figure or the list of sources searched', () => {
    const live = reference.services.filter((s) => !('retired' in s));
    for (const s of live) {
      for (const population of ['FR', 'US'] as const) {
        const figure = s.usage.some((u) => u.population === population);
        const record = compiled.noFigure.find((n) => n.id === s.id && n.population === population);
        expect(figure || (record?.searched.length ?? 0) > 0, `${s.id} ${population}`).toBe(true);
      }
    }
  });

  it('refuses a source naming a service the catalog does not have, or a share written as a percentage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-'));
    cpSync(USAGE_DIR, dir, { recursive: true });
    const file = join(dir, 'sources', 'pew-2025-social-media.json');
    const source = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...source, services: { ...source.services, myspace: 0.1 } }));
    expect(compileFromFiles(dir, REFERENCE_FILE).problems).toContain('pew-2025: no service myspace in the catalog');
    writeFileSync(file, JSON.stringify({ ...source, services: { youtube: 84 } }));
    expect(() => compileFromFiles(dir, REFERENCE_FILE)).toThrow(/a share is 0\.\.1, not a percentage/);
  });

  it('refuses a live service with neither a figure nor a search record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-'));
    cpSync(USAGE_DIR, dir, { recursive: true });
    const file = join(dir, 'searched.json');
    const searched = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...searched, default: { FR: [], US: searched.default.US }, services: {} }));
    // Any live service without a French figure (the list shrinks as figures are found).
    const { problems, noFigure } = compileFromFiles(dir, REFERENCE_FILE);
    const unsourced = noFigure.filter((n) => n.population === 'FR').map((n) => `${n.id} FR: neither a figure nor a search record`);
    expect(unsourced.length).toBeGreaterThan(0);
    expect(problems).toEqual(expect.arrayContaining(unsourced));
  });
});
