import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateReports } from '../fleet/generate-reports';
import { aggregateFleet } from '../fleet/aggregate';
import type { StorageArea } from '../platform/storage-area';
import { fleetSlideData } from './fleet-sites';
import { mergeImports, readFleetFile } from './fleet-import';
import { MAX_FLEET_REPORTS, addFleetReports, clearFleetReports, loadFleetReports } from './present-store';

const reports = generateReports(40);

describe('readFleetFile', () => {
  it('reads one report, an array, or NDJSON, and rejects bad entries with a reason while the rest load', () => {
    expect(readFleetFile('one.json', JSON.stringify(reports[0], null, 2)).reports).toHaveLength(1);
    expect(readFleetFile('all.json', JSON.stringify(reports.slice(0, 3))).reports).toHaveLength(3);
    const ndjson = [JSON.stringify(reports[0]), '{"schema":"nope"}', JSON.stringify(reports[1]), '{"__proto__":{}}'].join('\n');
    const read = readFleetFile('day.ndjson', ndjson);
    expect(read.reports.map((r) => r.id)).toEqual([reports[0]!.id, reports[1]!.id]);
    expect(read.rejected.map((r) => r.file)).toEqual(['day.ndjson #2', 'day.ndjson #4']);
    expect(readFleetFile('bad.json', '[oops').rejected[0]?.reason).toMatch(/not valid JSON/);
    expect(mergeImports([read, readFleetFile('x', '{}')]).rejected).toHaveLength(3);
  });

  it('rejects a report finished on a day that does not exist, naming the field', () => {
    const read = readFleetFile('april.json', JSON.stringify([reports[0], { ...reports[1], finishedAt: '2026-04-31T10:00:00+02:00' }]));
    expect(read.reports.map((r) => r.id)).toEqual([reports[0]!.id]);
    expect(read.rejected).toEqual([{ file: 'april.json #2', reason: 'finishedAt: no such day: 2026-04-31 (April 2026 has 30 days)' }]);
  });
});

describe('fleetSlideData', () => {
  it('is null with nothing imported', () => {
    expect(fleetSlideData([], 'WORLD')).toBeNull();
  });
  it('shows the fleet aggregate by site: the heatmap cells of aggregateFleet, counts and dates', () => {
    const valid = readFleetFile('f', JSON.stringify(reports)).reports;
    const data = fleetSlideData(valid, 'WORLD', 3)!;
    const agg = aggregateFleet(valid, 'WORLD');
    expect(data.reports).toBe(40);
    expect(data.categories).toHaveLength(3);
    expect(data.sites.map((s) => s.site)).toEqual(agg.sites);
    expect(data.sites.reduce((n, s) => n + s.reports, 0)).toBe(40);
    const lyon = data.sites.find((s) => s.site === 'Lyon')!;
    data.categories.forEach((c, i) => {
      expect(lyon.cells[i]).toBe(agg.heatmap.find((h) => h.site === 'Lyon' && h.category === c)!.blockedShare);
    });
    expect(data.organisations).toEqual(['Example Corp']);
    expect(data.firstAt <= data.lastAt).toBe(true);
    expect(data.top.length).toBeGreaterThan(0);
  });
  it('weighs by the fleet’s own population when the reports have no figure for the deck’s', () => {
    const valid = readFleetFile('f', JSON.stringify(reports)).reports;
    expect(fleetSlideData(valid, 'FR')?.population).toBe('WORLD');
  });
});

describe('fleet storage', () => {
  it('adds reports by id, re-validates on read, and clears', async () => {
    fakeBrowser.reset();
    const area = fakeBrowser.storage.local as unknown as StorageArea;
    const valid = readFleetFile('f', JSON.stringify(reports)).reports;
    expect(await addFleetReports(area, valid.slice(0, 30))).toBe(30);
    expect(await addFleetReports(area, valid.slice(20))).toBe(40);
    await area.set({ presentFleet: [...(await loadFleetReports(area)), { schema: 'evil' }] });
    expect(await loadFleetReports(area)).toHaveLength(40);
    await clearFleetReports(area);
    expect(await loadFleetReports(area)).toEqual([]);
    expect(MAX_FLEET_REPORTS).toBeGreaterThan(1000);
  });
});
