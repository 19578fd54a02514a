import { describe, expect, it } from 'vitest';
import reference from './reference.json';
import { parseCatalogCsv } from './csv-import';
import { catalogToCsv } from './csv-export';
import { neutralise } from './csv-columns';
import { parseShare } from './csv-columns';
import type { Catalog } from './schema';

const catalog = reference as Catalog;

describe('parseShare', () => {
  it.each([
    ['63,7 %', 0.637],
    ['63.7%', 0.637],
    ['63,7\u202f%', 0.637], // narrow no-break space, as French Excel formats percentages
    ['0,637', 0.637],
    ['0.637', 0.637],
    ['1', 1],
    ['100 %', 1],
    ['0', 0],
  ])('reads %j as %d', (cell, share) => expect(parseShare(cell)).toEqual({ ok: true, share }));

  it.each([
    ['63,7', '63.7 is above 1; write "63.7 %" or "0.637"'],
    ['120 %', '"120 %" is above 100 %'],
    ['-0.1', '"-0.1" is not a number (write 63,7 % or 0,637)'],
    ['1,234.5', '"1,234.5" is not a number (write 63,7 % or 0,637)'],
  ])('rejects %j', (cell, reason) => expect(parseShare(cell)).toEqual({ ok: false, reason }));
});

describe('catalogToCsv', () => {
  it.each([{}, { frenchExcel: true }])('round-trips the reference catalog (%j)', (opts) => {
    const back = parseCatalogCsv(catalogToCsv(catalog, opts), { name: catalog.name, version: catalog.version });
    // Endpoint provenance and discovery are JSON-only (csv-columns.ts); everything else comes back.
    const withoutEndpoints = { ...catalog, services: catalog.services.map(({ endpoints: _e, ...s }) => s) };
    expect(back).toEqual({ ok: true, catalog: withoutEndpoints });
  });

  it('writes a BOM, one row per usage figure and one row for a service without figures', () => {
    const csv = catalogToCsv(catalog, { frenchExcel: true });
    expect(csv.startsWith('\ufeffid;name;name_fr;')).toBe(true);
    const rows = csv.trim().split('\r\n');
    expect(rows.filter((r) => r.startsWith('facebook;'))).toHaveLength(4);
    expect(rows.filter((r) => r.startsWith('dailymotion;'))).toHaveLength(1);
    expect(rows.find((r) => r.startsWith('whatsapp;'))).toContain(';0,29;');
  });

  it.each([
    ['=HYPERLINK("https://evil.example")', `'=HYPERLINK("https://evil.example")`],
    ['+33 1 23', `'+33 1 23`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['YouTube', 'YouTube'],
    ['https://x.example/', 'https://x.example/'],
  ])('neutralises %j', (cell, out) => expect(neutralise(cell)).toBe(out));

  it('neutralises formula cells even in a catalog that bypassed validation', () => {
    const hostile = { ...catalog, services: [{ ...catalog.services[0]!, name: '=cmd|"/C calc"!A0' }] } as Catalog;
    expect(catalogToCsv(hostile, { bom: false }).split('\r\n')[1]).toContain(`,"'=cmd|""/C calc""!A0",`);
  });
});

describe('CSV call endpoints and file names', () => {
  const withCall: Catalog = {
    schemaVersion: 1, name: 'Calls', version: '2',
    services: [
      { id: 'meet', name: 'Google Meet', category: 'messaging', channels: { page: 'https://meet.google.com/', call: 'stun:stun.l.google.com:19302' }, usage: [] },
      { id: 'lab', name: 'Lab TURN', category: 'messaging', channels: { call: 'turn:10.99.0.2:3478?transport=udp' }, usage: [] },
    ],
  };

  it.each([{}, { frenchExcel: true }])('round-trips call endpoints (%j)', (opts) => {
    expect(parseCatalogCsv(catalogToCsv(withCall, opts), { name: 'Calls', version: '2' })).toEqual({ ok: true, catalog: withCall });
  });

  it.each([
    ['<script>.csv', 'file name "<script>.csv": as the catalog name it contains HTML (< or >); rename the file'],
    ['=cmd.csv', 'file name "=cmd.csv": as the catalog name it looks like a spreadsheet formula (starts with = + - or @); rename the file'],
    ['.csv', 'file name ".csv": as the catalog name it is empty; rename the file'],
    ['r\u202egnp.csv', 'file name "r\u202egnp.csv": as the catalog name it contains an invisible or control character (U+202E); rename the file'],
  ])('refuses a file whose name is no valid catalog name: %j', (fileName, error) => {
    expect(parseCatalogCsv('id,name,category,page\nyt,YouTube,video,https://www.youtube.com/\n', { fileName })).toEqual({ ok: false, errors: [error] });
  });

  it('names the catalog after a good file name', () => {
    const parsed = parseCatalogCsv('id,name,category,page\nyt,YouTube,video,https://www.youtube.com/\n', { fileName: 'Catalogue Lyon.csv' });
    expect(parsed.ok && parsed.catalog.name).toBe('Catalogue Lyon');
  });
});
