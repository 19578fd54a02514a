import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import reference from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { ENDPOINTS_END, ENDPOINTS_START, endpointsTable, withEndpointsTable } from './endpoints-table';

const catalog = reference as Catalog;
const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('README: media and call endpoints, and where they came from', () => {
  it('is exactly what the reference catalog gives (run npm run catalog -- --endpoints-readme after a catalog change)', () => {
    expect(withEndpointsTable(readme, endpointsTable(catalog))).toBe(readme);
  });

  it('names every media and call endpoint with its source document, and every service that has none with why', () => {
    const table = endpointsTable(catalog);
    const rows = table.split('\n');
    for (const s of catalog.services.filter((x) => !x.retired)) {
      for (const channel of ['media', 'call'] as const) {
        const url = s.channels[channel];
        if (!url) continue;
        const source = s.endpoints?.[channel];
        expect(source, `${s.id} ${channel} has no source`).toBeDefined();
        const row = rows.find((r) => r.startsWith(`| ${s.name} | ${channel}`));
        expect(row, `${s.id} ${channel}`).toContain(channel === 'call' ? url : new URL(url).host);
        if (source?.url) expect(row).toContain(`(${source.url})`);
      }
      if (s.endpoints?.noMedia) expect(rows.some((r) => r.startsWith(`| ${s.name} | no media channel |`))).toBe(true);
      if (s.endpoints?.noCall) expect(rows.some((r) => r.startsWith(`| ${s.name} | no call endpoint |`))).toBe(true);
    }
  });

  it('keeps every row one table row: pipes and emphasis characters in prose are escaped', () => {
    const odd: Catalog = {
      ...catalog,
      services: [{ ...catalog.services.find((s) => s.id === 'zoom')!, endpoints: { noCall: 'UDP | TCP on *.zoom.us\nand *.zoomgov.com' } }],
    };
    expect(endpointsTable(odd).split('\n')[2]).toBe('| Zoom | no call endpoint | UDP \\| TCP on \\*.zoom.us and \\*.zoomgov.com | — |');
  });

  it('refuses a README without the block', () => {
    expect(() => withEndpointsTable('# no block here', '| x |')).toThrow(/no endpoints block/);
    expect(withEndpointsTable(`a\n${ENDPOINTS_START}\nold\n${ENDPOINTS_END}\nb`, 'new')).toBe(`a\n${ENDPOINTS_START}\nnew\n${ENDPOINTS_END}\nb`);
  });
});
