import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Lab } from '../../lab';
import type { LaunchedChromium } from '../../scripts/lib/chromium';
import { extensionClient } from '../../scripts/lib/extension-client';
import { activityFor } from '../../utils/catalog/activities';
import { checkAgainstScenario } from '../../scripts/lib/scenario-check';
import {
  expectedFromScenario, expectNoHorizontalOverflow, saveScreenshot, startUiLab, tabTo, waitForAuditDone,
} from './ui-helpers';

// The employee's path in real headless Chromium with the built extension, against the
// corporate lab: popup audit, reopened popup, dashboard evidence, exports, FR/EN, print.
let lab: Lab;
let browser: LaunchedChromium;
let url: (page: string) => string;
let popup: Page;

beforeAll(async () => {
  ({ lab, browser, url } = await startUiLab());
});
afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

describe('popup', () => {
  it('runs an audit from the keyboard; reopened mid-audit it shows the same audit live, up to N/N', async () => {
    popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 760 });
    await popup.goto(url('popup.html'));
    await tabTo(popup, 'run');
    await popup.keyboard.press('Enter');
    // The audit is under way (the lab's silent firewall alone holds it for the probe
    // timeout): close the popup, as a user would, and open it again.
    await expect.poll(() => popup.getByTestId('run').isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => popup.getByRole('progressbar').getAttribute('aria-valuemax')).toMatch(/^\d+$/);
    const running = (await extensionClient(popup).send('getAuditState', {}))!;
    expect(running.status).toBe('running');
    await popup.close();

    popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 760 });
    await popup.goto(url('popup.html'));
    await expect.poll(() => popup.getByTestId('run').isDisabled(), { timeout: 10_000 }).toBe(true);
    expect(Number(await popup.getByTestId('progress-text').getAttribute('data-done'))).toBeGreaterThanOrEqual(running.done);
    expect(await popup.getByRole('progressbar').getAttribute('aria-valuemax')).toBe(String(running.total));
    const { done, total } = await waitForAuditDone(popup);
    expect(total).toBeGreaterThan(40);
    expect(done).toBe(total);
    expect(await popup.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(total));
    const audits = await extensionClient(popup).send('listAudits', {});
    expect(audits.map((a) => a.id)).toEqual([running.id]);
  });

  it('shows the gap and the blocked services the scenario implies', async () => {
    const state = (await extensionClient(popup).send('getAuditState', {}))!;
    const report = (await extensionClient(popup).send('getReport', { auditId: state.id }))!;
    // Browser language is en-US, so the gap is weighted with US figures (utils/gap/population.ts).
    // The UI shows what the audit found; the audit itself is checked against the scenario first.
    expect(checkAgainstScenario(report, lab.scenario).filter((c) => !c.ok)).toEqual([]);
    const expected = expectedFromScenario(report, lab, 'US');
    const shown = Number(await popup.getByTestId('gap-value').getAttribute('data-share'));
    expect(shown).toBeCloseTo(expected.gap.overall.blockedShare!, 6);
    // How many services the score rests on, in words (issue 18).
    expect(await popup.getByTestId('gap-basis').innerText()).toBe(
      `Weighted over ${expected.gap.overall.weightedServices} services that customers’ usage figures cover`,
    );
    const top = await popup.locator('[data-testid="top-blocked"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-service')));
    expect(top).toEqual(expected.topBlocked);
    // Verdicts carry a word, not only a colour.
    expect(await popup.locator('[data-testid="top-blocked"] .verdict').first().innerText()).toMatch(/\w/);
    await saveScreenshot(popup, 'popup');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(popup, 'popup-dark');
    await popup.emulateMedia({ colorScheme: 'light' });
  });
});

describe('dashboard', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(url('dashboard.html'));
    await page.getByTestId('results').waitFor();
  });

  it('shows the proxy error as evidence for the proxy-denied service', async () => {
    const row = page.locator('tr[data-service="dailymotion"]');
    expect(await row.getAttribute('data-verdict')).toBe('blocked');
    await tabTo(page, 'evidence-button-dailymotion', 200);
    await page.keyboard.press('Enter');
    const evidence = page.getByTestId('evidence-dailymotion');
    await expect.poll(() => evidence.innerText()).toContain('net::ERR_TUNNEL_CONNECTION_FAILED');
    expect(await page.getByTestId('evidence-button-dailymotion').getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('usage-chart').locator('canvas').first().waitFor();
    // Category figures sit beside each category, with their survey; calls (no per-service US figure) still shows one.
    // The figure shown is the catalog's (activityFor, compiled from data/usage/), with its metric, source and year.
    const calls = page.locator('.chart-table tr[data-category="calls"] [data-testid="activity-share"]');
    const callsFigure = activityFor('calls', 'US')!;
    expect(await calls.innerText()).toMatch(new RegExp(`^${+(callsFigure.share * 100).toFixed(1)}\\s?% ${callsFigure.year}$`));
    expect(await calls.locator('span').getAttribute('title')).toBe(`${callsFigure.metric} — ${callsFigure.source}, ${callsFigure.year}`);
    expect(callsFigure.metric).toMatch(/video call/);
    await saveScreenshot(page, 'dashboard-en');
  });

  it('exports the report as JSON (exactly the Report) and CSV, and both read back', async () => {
    const client = extensionClient(page);
    const latest = (await client.send('listAudits', {})).find((a) => a.status === 'complete')!;
    const report = await client.send('getReport', { auditId: latest.id });
    const read = async (testId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      const { readFileSync } = await import('node:fs');
      return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
    };
    const json = await read('export-json');
    expect(json.name).toMatch(/^access-gap-.*\.json$/);
    expect(JSON.parse(json.text)).toEqual(report);
    const csv = await read('export-csv');
    const Papa = (await import('papaparse')).default;
    const [header, ...rows] = Papa.parse<string[]>(csv.text.replace(/^\uFEFF/, '').trimEnd(), { newline: '\r\n' }).data;
    expect(rows).toHaveLength(report!.services.reduce((n, s) => n + s.channels.length, 0));
    const col = (name: string) => header!.indexOf(name);
    const daily = rows.find((r) => r[col('service_id')] === 'dailymotion')!;
    expect(daily[col('net_error')]).toBe('net::ERR_TUNNEL_CONNECTION_FAILED');
    expect(daily[col('service_mechanism')]).toBe('proxy');
  });

  it('switches to French from the settings, and prints one page', async () => {
    await page.getByTestId('setting-language').selectOption('fr');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.locator('#results-title').innerText()).toBe('Résultats');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.locator('tr[data-service="dailymotion"] .verdict').first().innerText()).toContain('Bloqué');
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'dashboard-fr');

    await page.emulateMedia({ media: 'print' });
    await saveScreenshot(page, 'print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('reflows at 200 % zoom without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 600, height: 800 });
    await expectNoHorizontalOverflow(page);
    await popup.setViewportSize({ width: 320, height: 600 });
    await expectNoHorizontalOverflow(popup);
  });
});
