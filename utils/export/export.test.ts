import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { neutralizeCell, toCsv } from './csv-writer';
import { REPORT_CSV_COLUMNS, reportToCsv } from './report-csv';
import { exportFileName, reportToJson } from './json';
import { sampleReport } from '../../tests/fixtures/report';

describe('neutralizeCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+33 1 23', `'+33 1 23`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['YouTube', 'YouTube'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, output) => expect(neutralizeCell(input)).toBe(output));

  it('leaves numbers, booleans and empty values alone', () => {
    expect(neutralizeCell(-1)).toBe('-1');
    expect(neutralizeCell(0.42)).toBe('0.42');
    expect(neutralizeCell(true)).toBe('true');
    expect(neutralizeCell(undefined)).toBe('');
    expect(neutralizeCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and round-trips through a CSV parser', () => {
    const rows = [['a,b', 'say "hi"', 'two\nlines', '=1+1']];
    const parsed = Papa.parse<string[]>(toCsv(rows).trimEnd(), { newline: '\r\n' }).data;
    expect(parsed).toEqual([['a,b', 'say "hi"', 'two\nlines', "'=1+1"]]);
  });
});

describe('reportToCsv', () => {
  it('writes one row per channel with evidence, and neutralises hostile names', () => {
    const csv = reportToCsv(sampleReport(), 'FR');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
    expect(header).toEqual([...REPORT_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const col = (row: string[], name: (typeof REPORT_CSV_COLUMNS)[number]) => row[REPORT_CSV_COLUMNS.indexOf(name)];
    const chat = rows.find((r) => col(r, 'service_id') === 'chat')!;
    expect(col(chat, 'net_error')).toBe('net::ERR_TUNNEL_CONNECTION_FAILED');
    expect(col(chat, 'usage_share')).toBe('0.5');
    const evil = rows.find((r) => col(r, 'service_id') === 'evil')!;
    expect(col(evil, 'service')).toBe(`'=cmd|' /C calc'!A0`);
    expect(col(evil, 'usage_share')).toBe('');
  });
});

describe('JSON export', () => {
  it('is the report itself', () => {
    const report = sampleReport();
    expect(JSON.parse(reportToJson(report))).toEqual(report);
    expect(exportFileName(report, 'csv')).toBe('access-gap-2026-11-12T14-03-55.csv');
  });
});
