import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReports } from '../../utils/fleet/generate-reports';
import { startCollector, type Collector } from '../../scripts/collector/server';
import { launchChromiumWithExtension, type LaunchedChromium } from '../../scripts/lib/chromium';
import { extensionDir } from './fleet-helpers';

// The fleet page in real Chromium: 1,000 generated reports (500 files + one
// 500-line NDJSON) and 11 hostile files; the hostile ones are rejected with a
// reason each, the rest aggregate, and no payload ever runs. Then the same page
// reads a collector's aggregates with its read credential, filtered by site.
const dir = mkdtempSync(join(tmpdir(), 'access-gap-fleet-page-'));
let browser: LaunchedChromium | undefined;
let collector: Collector | undefined;
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

const UPLOAD = 'Bearer fleet-upload-token';
const READ = 'Bearer fleet-read-token';
const PWN = 'window.__pwned = (window.__pwned || 0) + 1';
function writeFixtures(): { paths: string[]; hostile: Record<string, RegExp> } {
  const reports = generateReports(1000, 7);
  const paths = reports.slice(0, 500).map((r, i) => {
    const path = join(dir, `report-${i}.json`);
    writeFileSync(path, JSON.stringify(r));
    return path;
  });
  const ndjson = join(dir, 'day.ndjson');
  writeFileSync(ndjson, reports.slice(500).map((r) => JSON.stringify(r)).join('\n') + '\n');
  const base = reports[0]!;
  const svc = base.services[0]!;
  const hostile: Record<string, [string, RegExp]> = {
    'bad.json': ['{"schema": "access-gap-report", "id": ', /not valid JSON/],
    'v2.json': [JSON.stringify({ ...base, id: 'h-v2', schemaVersion: 2 }), /schema version 2 is not 1/],
    'huge.json': [JSON.stringify({ ...base, id: 'h-huge', padding: 'x'.repeat(20 * 1024 * 1024) }), /over the 5 MB limit/],
    'proto.json': [`{"schema":"access-gap-report","schemaVersion":1,"id":"h-proto","__proto__":{"isAdmin":true}}`, /forbidden key "__proto__"/],
    'script-site.json': [JSON.stringify({ ...base, id: 'h-site', site: `<script>${PWN}</script>` }), /site: contains HTML/],
    'img-service.json': [JSON.stringify({ ...base, id: 'h-img', services: [{ ...svc, name: `<img src=x onerror="${PWN}">` }] }), /services.0.name: contains HTML/],
    'svg-org.json': [JSON.stringify({ ...base, id: 'h-svg', organisation: `<svg onload="${PWN}">` }), /organisation: contains HTML/],
    'constructor.json': [JSON.stringify({ ...base, id: 'h-ctor', catalog: { ...base.catalog, constructor: { prototype: { x: 1 } } } }), /forbidden key "constructor"/],
    'not-a-report.json': ['["<script>alert(1)</script>"]', /expected a JSON object/],
    'duplicate.json': [JSON.stringify(base), /duplicate report id/],
    'february-31.json': [JSON.stringify({ ...base, id: 'h-feb31', startedAt: '2026-02-31T09:00:00Z' }), /startedAt: no such day: 2026-02-31 \(February 2026 has 28 days\)/],
  };
  for (const [name, [text]] of Object.entries(hostile)) {
    writeFileSync(join(dir, name), text);
    paths.push(join(dir, name));
  }
  paths.splice(250, 0, ndjson);
  return { paths, hostile: Object.fromEntries(Object.entries(hostile).map(([k, [, re]]) => [k, re])) };
}

describe('fleet page', () => {
  it("aggregates 1,000 reports, rejects 11 hostile or impossible files with reasons, runs no payload; reads a collector's aggregates", async () => {
    const { paths, hostile } = writeFixtures();
    browser = await launchChromiumWithExtension({ extensionDir: extensionDir() });
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`chrome-extension://${browser.extensionId}/fleet.html`);
    await page.locator('#fleet-files').setInputFiles(paths);
    const counts = page.getByTestId('fleet-counts');
    await counts.and(page.locator('[data-aggregated="1000"][data-rejected="11"]')).waitFor({ timeout: 60_000 });
    // Started like every page app (usePageSetup): the document speaks the page's language, titled in it.
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['en', 'Access Gap — fleet']);

    // Each hostile file is named with its own reason.
    const rows = await page.getByTestId('fleet-rejected').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(rows).toHaveLength(11);
    for (const [name, reason] of Object.entries(hostile)) {
      const row = rows.find(([source]) => source === name || source?.startsWith(`${name}[`));
      expect(row?.[1], name).toMatch(reason);
    }
    // No payload ran, and nothing from a report became markup.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('#app script, #app img, #app svg, #app iframe').count()).toBe(0);

    // The views: 4 sites in the heatmap, a ranked top list, a trend over the 30 days.
    await expect.poll(() => page.getByTestId('fleet-heatmap').locator('tbody tr').count()).toBe(4);
    expect(await page.getByTestId('fleet-top').locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('fleet-trend').locator('tbody tr').count()).toBeGreaterThanOrEqual(28);

    // CSV export: one row per site × service × verdict × mechanism, stable columns.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFsite,service_id,service,category,verdict,mechanism,reports,population,usage_share');

    // From the collector: it aggregates on its side; the page asks only for the views, with the read credential.
    collector = await startCollector({
      dir: join(dir, 'collector'),
      credentials: { upload: [UPLOAD], read: [READ] },
      origins: [`chrome-extension://${browser.extensionId}`],
    });
    for (const r of [...generateReports(3, 99), generateReports(3, 99)[0]!]) {
      await fetch(`${collector.url}/reports`, { method: 'POST', body: JSON.stringify(r), headers: { 'content-type': 'application/json', authorization: UPLOAD } });
    }
    const asked: string[] = [];
    page.on('request', (r) => void (r.url().startsWith(collector!.url) && asked.push(new URL(r.url()).pathname)));
    await page.locator('#fleet-url').fill(collector.url);
    // The upload credential every browser holds does not read.
    await page.locator('#fleet-auth').fill(UPLOAD);
    await page.getByRole('button', { name: 'Load from receiver' }).click();
    await page.getByRole('alert').filter({ hasText: 'HTTP 401' }).waitFor({ timeout: 20_000 });
    await page.locator('#fleet-auth').fill(READ);
    await page.getByRole('button', { name: 'Load from receiver' }).click();
    await counts.and(page.locator('[data-aggregated="3"]')).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('fleet-remote').textContent()).toMatch(/3 reports stored/);
    expect(await page.getByTestId('fleet-heatmap').locator('tbody tr').count()).toBe(3);
    // Filter by site: the collector answers for Lyon only.
    await page.locator('#fleet-filter-site').selectOption('Lyon');
    await page.getByTestId('fleet-filter').getByRole('button', { name: 'Apply' }).click();
    await counts.and(page.locator('[data-aggregated="1"]')).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('fleet-heatmap').locator('tbody tr').count()).toBe(1);
    // Only aggregates crossed the wire, never the reports themselves.
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(new Set(asked)).toEqual(new Set(['/api/aggregate']));
  });
});
