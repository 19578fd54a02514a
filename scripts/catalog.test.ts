import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import reference from '../utils/catalog/reference.json';
import type { Catalog } from '../utils/catalog/schema';
import { formatCatalogTable, runCatalogCli, shortSource, summaryLine, usageCell } from './catalog';

const fixture = (name: string) => fileURLToPath(new URL(`../tests/fixtures/catalog/${name}`, import.meta.url));
const run = (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCatalogCli(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('npm run catalog', () => {
  it('prints a table ending with the summary line', () => {
    const { code, out } = run();
    expect(code).toBe(0);
    expect(out.split('\n').at(-1)).toMatch(/^\d+ services in \d+ categories, \d+ with sourced usage \(FR \d+, US \d+\)$/);
    expect(out).toContain('WhatsApp Web');
    expect(out).toContain('no published figure');
    expect(out).toContain('retired 2025 → Microsoft Teams (free)');
  });

  it('counts services, categories and sourced usage', () => {
    expect(summaryLine(reference as Catalog)).toBe('53 services in 12 categories, 20 with sourced usage (FR 15, US 16)');
  });

  it('prints JSON that is the catalog itself', () => {
    expect(JSON.parse(run('--json').out)).toEqual(reference);
  });

  it('prints CSV, with ; and decimal commas for French Excel', () => {
    expect(run('--csv').out.split('\n')[0]).toMatch(/^id,name,name_fr,category,/);
    expect(run('--csv=fr').out).toContain(';FR;0,637;');
  });

  it('prints a custom CSV catalog', () => {
    const { code, out } = run('--catalog', fixture('french-excel.csv'));
    expect(code).toBe(0);
    expect(out).toContain('FR 63.7 % (DataReportal; "Digital 2024: France" 2024); US 29 % (Pew Research Center 2023)');
    expect(out.split('\n').at(-1)).toBe('3 services in 3 categories, 2 with sourced usage (FR 2, US 1)');
  });

  it.each([
    [['--catalog', fixture('http-media.csv')], 'catalog: http-media.csv: row 3, media: not an https URL'],
    [['--catalog', fixture('hyperlink.csv')], 'catalog: hyperlink.csv: row 2, name: looks like a spreadsheet formula (starts with "="); remove it'],
    [['--catalog', fixture('nope.json')], 'catalog: nope.json: no such file'],
    [['--bogus'], "catalog: Unknown option '--bogus'"],
  ])('exits 2 with one line for %j', (argv, line) => {
    expect(run(...argv)).toEqual({ code: 2, out: '', err: line });
  });
});

describe('table cells', () => {
  it.each([
    ['Pew Research Center, "Americans\' Social Media Use" (survey…)', 2023, 'Pew Research Center 2023'],
    ['DataReportal / We Are Social / Meltwater, "Digital 2024: France"', 2024, 'DataReportal 2024'],
    ['Médiamétrie (July 2023)', 2023, 'Médiamétrie 2023'],
  ])('shortens %j', (source, year, short) => expect(shortSource(source, year)).toBe(short));

  it('shows the figure the gap score uses: the latest per population', () => {
    const facebook = (reference as Catalog).services.find((s) => s.id === 'facebook')!;
    expect(usageCell(facebook)).toBe('FR 70.4 % (DataReportal 2025); US 71 % (Pew Research Center 2025)');
  });

  it('marks services with two names', () => {
    expect(formatCatalogTable(reference as Catalog)).toContain('Google Search / Recherche Google');
  });
});
