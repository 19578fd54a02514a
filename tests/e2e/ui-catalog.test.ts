import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Lab } from '../../lab';
import type { LaunchedChromium } from '../../scripts/lib/chromium';
import { extensionClient } from '../../scripts/lib/extension-client';
import { catalog as reference, saveScreenshot, startUiLab, waitForAuditDone } from './ui-helpers';

const REFERENCE_SOURCE = new RegExp(`reference catalog .*${reference.services.length} services`);

// The dashboard's settings area in real Chromium against the corporate lab: a custom catalog
// imported from a CSV file is what the next audit probes; a bad file is refused with its row
// and field and changes nothing; the employee's own schedule (unmanaged browser).
let lab: Lab;
let browser: LaunchedChromium;
let url: (page: string) => string;
let page: Page;

// Two services on hosts the corporate lab serves: Wikipedia's (answers) and Dailymotion's (proxy deny).
const CUSTOM_CSV = [
  'id,name,name_fr,category,domains,page,media,realtime,population,share,metric,source,year,source_url',
  'team-wiki,Team Wiki,Wiki d’équipe,reference,wikipedia.org,https://www.wikipedia.org/,,,,,,,,',
  'video-portal,Video Portal,,video,dailymotion.com,https://www.dailymotion.com/robots.txt,,,,,,,,',
].join('\r\n');
const BAD_CSV = [
  'id,name,category,page,media',
  'good-one,Good One,video,https://www.wikipedia.org/,',
  'bad-media,Bad Media,video,https://www.wikipedia.org/,http://upload.wikimedia.org/x.png',
].join('\n');

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

beforeAll(async () => {
  ({ lab, browser, url } = await startUiLab());
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(url('dashboard.html'));
  await page.getByTestId('catalog-panel').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

describe('catalog panel', () => {
  it('shows the reference catalog, and an audit of at most N MB', async () => {
    await expect.poll(() => page.getByTestId('catalog-source').innerText()).toMatch(REFERENCE_SOURCE);
    // The per-audit download budget (MAX_AUDIT_DOWNLOAD_BYTES: 19.5 MB since throughput is burst-proof), never over 20 MB.
    const cap = /at most ([\d.]+) MB/.exec(await page.getByTestId('download-cap').innerText());
    expect(Number(cap?.[1])).toBeGreaterThan(10);
    expect(Number(cap?.[1])).toBeLessThanOrEqual(20);
  });

  it('imports a CSV (replace); the next audit probes exactly its services', async () => {
    await page.getByTestId('catalog-file').setInputFiles(file('team.csv', CUSTOM_CSV));
    await page.getByLabel('Replace the reference catalog').check();
    await page.getByTestId('catalog-import').click();
    await expect.poll(() => page.getByTestId('catalog-result').innerText()).toContain('2 services');
    await expect.poll(() => page.getByTestId('catalog-source').innerText()).toMatch(/custom catalog .*2 services.*team\.csv/);

    const popup = await browser.context.newPage();
    await popup.goto(url('popup.html'));
    await popup.getByTestId('run').click();
    const { total } = await waitForAuditDone(popup);
    expect(total).toBe(2);
    await popup.close();

    await page.reload();
    await page.getByTestId('results').waitFor();
    expect(await page.locator('tr[data-service="team-wiki"]').getAttribute('data-verdict')).toBe('reachable');
    expect(await page.locator('tr[data-service="video-portal"]').getAttribute('data-verdict')).toBe('blocked');
    expect(await page.locator('tr[data-service]').count()).toBe(2);
  });

  it('refuses a bad file with its row and field, and keeps the previous catalog', async () => {
    const client = extensionClient(page);
    const before = await client.send('getCatalog', {});
    await page.getByTestId('catalog-file').setInputFiles(file('bad.csv', BAD_CSV));
    await page.getByTestId('catalog-import').click();
    const errors = page.getByTestId('catalog-errors');
    await expect.poll(() => errors.innerText()).toMatch(/row 3, media: .*https/i);
    expect(await page.getByTestId('catalog-source').innerText()).toMatch(/custom catalog .*2 services.*team\.csv/);
    const after = await client.send('getCatalog', {});
    expect(after.catalog).toEqual(before.catalog);
    await page.getByTestId('catalog-panel').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-catalog-rejected');
  });

  it('exports the catalog in use as CSV and JSON, and goes back to the reference', async () => {
    const read = async (label: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
      const { readFileSync } = await import('node:fs');
      return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
    };
    const csv = await read('Export catalog (CSV)');
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.text).toContain('team-wiki,Team Wiki');
    const json = await read('Export catalog (JSON)');
    expect(JSON.parse(json.text).services.map((s: { id: string }) => s.id)).toEqual(['team-wiki', 'video-portal']);

    await page.getByRole('button', { name: 'Back to the reference catalog' }).click();
    await expect.poll(() => page.getByTestId('catalog-source').innerText()).toMatch(REFERENCE_SOURCE);
  });
});

describe('fleet status (unmanaged browser)', () => {
  it('says the browser is not managed, and lets the employee turn on their own schedule', async () => {
    const panel = page.getByTestId('fleet-status');
    expect(await panel.getAttribute('data-managed')).toBe('false');
    expect(await panel.innerText()).toContain('not managed by an organisation');
    await page.getByTestId('fleet-own-schedule').check();
    await page.getByTestId('fleet-own-hours').fill('6');
    await page.getByTestId('fleet-apply').click();
    await expect.poll(() => panel.getAttribute('data-mode')).toBe('user');
    expect(await panel.innerText()).toContain('Every 6 hours, turned on by you');
    const status = await extensionClient(page).send('getFleetStatus', {});
    expect(status.schedule).toMatchObject({ enabled: true, hours: 6, source: 'user' });
    expect(JSON.stringify(status)).not.toMatch(/authorization":\s*"/i);
    await panel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-fleet-status', false);

    await page.getByTestId('fleet-own-schedule').uncheck();
    await page.getByTestId('fleet-apply').click();
    await expect.poll(() => panel.getAttribute('data-mode')).toBe('off');
  });
});
