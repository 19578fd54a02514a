import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityFor } from '../../utils/catalog/activities';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import type { Report } from '../../utils/report/types';
import { SLIDE_IDS } from '../../utils/present/deck';
import { launchChromiumWithExtension, type LaunchedChromium } from '../../scripts/lib/chromium';
import { ensureExtensionBuilt } from '../../scripts/lib/build-extension';
import { extensionClient } from '../../scripts/lib/extension-client';
import { startLab, type Lab } from '../../lab';
import { currentSlide, distinctColours, overflowingElements, press, setDeck } from './present-helpers';

// The trainer's presentation in real headless Chromium with the built extension,
// auditing the lab's simulated corporate network live from its slide.
const catalog = referenceCatalog as Catalog;
const SHOTS = resolve(import.meta.dirname, 'screenshots');
let lab: Lab;
let browser: LaunchedChromium;
let page: Page;
let work: string;

beforeAll(async () => {
  // A private copy of the build: other engineers' test runs may rebuild .output while this one runs.
  work = mkdtempSync(join(tmpdir(), 'access-gap-present-'));
  const extensionDir = join(work, 'extension');
  cpSync(ensureExtensionBuilt(), extensionDir, { recursive: true });
  expect(existsSync(join(extensionDir, 'present.html'))).toBe(true);
  lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario: resolve(import.meta.dirname, '../../lab/scenarios/corporate.json') });
  browser = await launchChromiumWithExtension({
    extensionDir, args: lab.chromiumArgs, executablePath: lab.executablePath, extraExtensionDirs: lab.extensionDirs,
  });
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`chrome-extension://${browser.extensionId}/present.html`);
  // The lab's silent firewall costs a full probe timeout: 4 s as in audit.test.ts, not the 8 s default,
  // keeps the live audit short and less exposed to other runs changing this machine's network.
  await page.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ settings: { timeoutMs: 4000 } }));
  await page.reload();
  await page.waitForSelector('[data-testid="deck"]');
});
afterAll(async () => {
  await browser?.close();
  await lab?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Services the corporate scenario blocks or degrades: what the audience must see land. */
const intendedHits = () =>
  Object.entries(lab.scenario.services).filter(([, s]) => s.expect && s.expect.verdict !== 'reachable').map(([id]) => id).sort();

describe('presentation', () => {
  it('steps through every slide with the keyboard and runs the live audit on its slide', async () => {
    // No fleet report imported yet: the fleet slide is skipped, the others come in default order.
    const expected = SLIDE_IDS.filter((id) => id !== 'fleet');
    const seen = [await currentSlide(page)];
    for (const key of ['ArrowRight', ' ', 'PageDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight']) {
      seen.push(await press(page, key));
    }
    expect(seen).toEqual(expected);
    expect(await press(page, 'Home')).toBe('title');
    expect(await press(page, 'End')).toBe('discuss');
    expect(await press(page, 'ArrowRight')).toBe('discuss');
    expect(await press(page, 'ArrowLeft')).toBe('gap');
    expect(await press(page, 'PageUp')).toBe('audit');

    // N shows the presenter notes, Escape hides them.
    await page.keyboard.press('n');
    await expect(page.locator('[data-testid="notes"]').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid="notes"]').count()).toBe(0);

    // Enter runs the audit: progress shows, then the lab's blocked services land as tiles. The lab
    // shares this machine with other test runs; a run whose verdicts strayed from the scenario
    // (seen: net::ERR_NETWORK_CHANGED while another run sets up network namespaces) is re-run with the
    // slide's "Test again" button, at most twice.
    await page.keyboard.press('Enter');
    await page.waitForSelector('.slide.current [data-testid="progress-text"]');
    let tiles: string[] = [];
    let hits: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt) {
        await page.click('[data-testid="present-audit-start"]');
        await page.waitForSelector('[data-testid="present-audit-start"][disabled]');
      }
      await page.waitForSelector('[data-testid="present-audit-start"]:not([disabled])', { timeout: 90_000 });
      const client = extensionClient(page);
      const report = (await client.send('getReport', { auditId: (await client.send('getAuditState', {}))!.id }))!;
      hits = report.services.filter((s) => s.verdict !== 'reachable' && s.verdict !== 'inconclusive').map((s) => s.id).sort();
      // The slide shows what the audit found, 8 tiles at most (it re-reads the report a moment after the state).
      const shown = Math.min(hits.length, 8);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="present-blocked"] [data-service]').length === n, shown, { timeout: 5000 });
      tiles = await page.locator('[data-testid="present-blocked"] [data-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service')!).sort());
      expect(hits).toEqual(expect.arrayContaining(tiles));
      if (hits.length > shown) expect(await page.textContent('.slide.current .audit-hits .aside')).toMatch(String(hits.length - shown));
      // The slide shows at most 8 tiles: the audit's findings are what must match the scenario.
      if (JSON.stringify(hits) === JSON.stringify(intendedHits())) break;
      console.warn(`live audit ${attempt + 1} strayed from the scenario:`, JSON.stringify(report.services.filter((x) => intendedHits().includes(x.id) !== hits.includes(x.id)).map((x) => [x.id, x.verdict, x.mechanism, x.channels.map((c) => [c.channel, c.verdict, c.evidence.netError ?? c.evidence.status])])));
    }
    expect(hits).toEqual(intendedHits());
    expect(tiles).toHaveLength(Math.min(hits.length, 8));
    const progress = page.locator('.slide.current [data-testid="progress-text"]');
    expect(await progress.getAttribute('data-done')).toBe(await progress.getAttribute('data-total'));

    // The gap slide shows the audit's usage-weighted blocked share; the discussion asks per service, as the employee's letter does.
    expect(await press(page, 'ArrowRight')).toBe('gap');
    expect(Number(await page.getAttribute('.slide.current .gap-big', 'data-share'))).toBeGreaterThan(0);
    // What the score rests on, and how many customers do each activity, beside the blocked share.
    expect(await page.textContent('.slide.current [data-testid="present-gap-basis"]')).toMatch(/^Weighted over \d+ services that customers’ usage figures cover$/);
    expect(await page.locator('.slide.current .gap-table thead th').allInnerTexts()).toContain('Customers who do this');
    const callsFigure = activityFor('calls', 'US')!;
    expect(await page.locator('.slide.current .gap-table tr[data-category="calls"] .meter-activity .meter-value').innerText()).toMatch(
      new RegExp(`^${+(callsFigure.share * 100).toFixed(1)}\\s?%$`),
    );
    expect(await press(page, 'ArrowRight')).toBe('discuss');
    expect(await page.locator('.slide.current [data-kind]').count()).toBeGreaterThan(0);
  });

  it('keeps the trainer’s title, order, hidden slides, language and imported fleet reports', async () => {
    await page.keyboard.press('s');
    await page.fill('[data-testid="setup-org"]', 'Acme Insurance');
    await page.locator('[data-testid="setup-org"]').blur();
    await page.fill('[data-testid="setup-date"]', '2026-03-05');
    await page.selectOption('[data-testid="setup-language"]', 'fr');
    await page.locator('[data-testid="setup-slides"] li[data-slide="behaviour"] input[type="checkbox"]').uncheck();
    await page.locator('[data-testid="setup-slides"] li[data-slide="discuss"] button').first().click();
    // Fleet reports from three sites, made from the live report (one a bad file, rejected with a reason).
    const report = (await extensionClient(page).send('getReport', { auditId: (await extensionClient(page).send('getAuditState', {}))!.id }))!;
    const site = (name: string, i: number, open: string[]): Report => ({
      ...report, id: `${report.id}-${i}`, site: name, organisation: 'Acme Insurance',
      services: report.services.map((s) => (open.includes(s.id) ? { ...s, verdict: 'reachable', mechanism: undefined } as Report['services'][number] : s)),
    });
    writeFileSync(join(work, 'fleet.ndjson'), [site('Paris HQ', 1, []), site('Lyon', 2, ['youtube', 'facebook']), site('Remote', 3, report.services.map((s) => s.id))].map((r) => JSON.stringify(r)).join('\n'));
    writeFileSync(join(work, 'bad.json'), '{"schema":"access-gap-report","schemaVersion":9}');
    await page.setInputFiles('[data-testid="setup-fleet-file"]', [join(work, 'fleet.ndjson'), join(work, 'bad.json')]);
    await page.waitForSelector('.setup .rejected li');
    expect(await page.textContent('.setup .rejected')).toMatch(/bad\.json.*schema version/);
    await page.screenshot({ path: join(SHOTS, 'present-setup.png') });
    await page.click('[data-testid="setup-close"]');

    await page.reload();
    await page.waitForSelector('[data-testid="deck"]');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.keyboard.press('Home');
    expect(await page.textContent('[data-testid="title-org"]')).toBe('Acme Insurance');
    expect(await page.textContent('[data-testid="title-date"]')).toBe('5 mars 2026');
    const order = await page.locator('.slide').evaluateAll((els) => els.map((e) => e.getAttribute('data-slide')));
    expect(order).toEqual(['title', 'complaint', 'then-now', 'usage', 'audit', 'gap', 'discuss', 'fleet']);
    expect(await page.locator('[data-testid="fleet-table"] tbody tr').count()).toBe(3);
  });

  it('renders every slide in FR and EN at 1280×720 and 1920×1080 without overflow', async () => {
    const problems: string[] = [];
    for (const language of ['en', 'fr']) {
      await setDeck(page, { language, organisation: 'Acme Insurance', date: '2026-03-05' });
      for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        await press(page, 'Home');
        const count = Number(await page.getAttribute('[data-testid="deck"]', 'data-count'));
        expect(count).toBe(SLIDE_IDS.length);
        for (let i = 0; i < count; i++) {
          const id = await currentSlide(page);
          const file = join(SHOTS, `present-${language}-${width}x${height}-${String(i + 1).padStart(2, '0')}-${id}.png`);
          const png = await page.screenshot({ path: file });
          expect(statSync(file).size).toBeGreaterThan(5000);
          expect(await distinctColours(page, png), file).toBeGreaterThan(8);
          problems.push(...(await overflowingElements(page)).map((p) => `${language} ${width}x${height} ${id}: ${p}`));
          await press(page, 'ArrowRight');
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('opens from the dashboard', async () => {
    await page.goto(`chrome-extension://${browser.extensionId}/dashboard.html`);
    await page.click('[data-testid="open-presentation"]');
    await page.waitForSelector('[data-testid="deck"]');
    expect(new URL(page.url()).pathname).toBe('/present.html');
  });

  it('prints as a handout, one slide a page', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const count = Number(await page.getAttribute('[data-testid="deck"]', 'data-count'));
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(work, 'present-handout.pdf'), pdf);
    // A look at the print layout, for people: the first slides as they stack on paper.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'present-print-preview.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1600 } });
    await page.emulateMedia({ media: 'screen' });
    // Each PDF page object is one "/Type /Page" (the page tree is "/Type /Pages").
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(count);
  });
});
