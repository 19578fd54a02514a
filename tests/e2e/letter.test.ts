import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import type { Report } from '../../utils/report/types';
import { MAILTO_MAX } from '../../utils/letter/letter';
import type { Lab, Scenario } from '../../lab';
import { LAB_MEDIA_BYTES } from '../../lab/throttle-runs';
import type { LaunchedChromium } from '../../scripts/lib/chromium';
import { extensionClient, waitForAudit } from '../../scripts/lib/extension-client';
import { expectNoHorizontalOverflow, saveScreenshot, startUiLab } from './ui-helpers';

// "Make the case" from a lab audit that has every kind of finding the letter must word: a block
// page (Zscaler), a throttled media host, a restricted mode forced by the network's DNS, a proxy
// sign-in (inconclusive: never asked for), a reachable service (never mentioned).
const ids = ['facebook', 'wikipedia', 'youtube', 'tiktok', 'bing'];
const scenario: Scenario = {
  services: {
    facebook: { treatments: { page: 'blockpage:zscaler' }, expect: { verdict: 'blocked', mechanism: 'block-page' } },
    wikipedia: { treatments: { media: 'throttle:32000' }, expect: { verdict: 'throttled' } },
    youtube: { treatments: { page: 'youtube-restricted-dns' }, expect: { verdict: 'partial', mechanism: 'restricted' } },
    tiktok: { treatments: { page: 'proxy-auth' }, expect: { verdict: 'inconclusive' } },
  },
};
let lab: Lab;
let browser: LaunchedChromium;
let url: (page: string) => string;
let page: Page;
let report: Report;

beforeAll(async () => {
  const reference = referenceCatalog as Catalog;
  const catalog: Catalog = { ...reference, name: 'Letter lab', services: reference.services.filter((s) => ids.includes(s.id)) };
  ({ lab, browser, url } = await startUiLab({ catalog, scenario, mediaBodyBytes: LAB_MEDIA_BYTES }));
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(url('dashboard.html'));
  const client = extensionClient(page);
  const { auditId } = await client.send('startAudit', { catalog, trigger: 'user', options: { timeoutMs: 4000 } });
  await waitForAudit(client, auditId, { deadlineMs: 120_000, intervalMs: 250 });
  report = (await client.send('getReport', { auditId }))!;
});
afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

const verdictOf = (id: string) => report.services.find((s) => s.id === id)?.verdict;

describe('make the case', () => {
  it('the lab audit has a blocked, a throttled, a restricted and an inconclusive service', () => {
    expect(Object.fromEntries(ids.map((id) => [id, verdictOf(id)]))).toEqual({
      facebook: 'blocked', wikipedia: 'throttled', youtube: 'partial', tiktok: 'inconclusive', bing: 'reachable',
    });
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`${lang}: the letter names each finding with its sourced figure and a precise ask, and lists the unchecked apart`, async () => {
      await page.goto(url('dashboard.html'));
      await page.getByTestId('make-case').click();
      await page.getByTestId('letter').waitFor();
      await page.selectOption('[data-testid="letter-language"]', lang);
      await expect.poll(() => page.getByTestId('letter').getAttribute('lang')).toBe(lang);
      await page.getByTestId('letter-audience-management').check();
      await page.selectOption('[data-testid="letter-reason-select"]', 'customer-service');
      await page.fill('[data-testid="letter-note"]', 'Hotline 3115');

      const rows = page.locator('[data-testid="letter-items"] tbody tr');
      const asked = ids.filter((id) => ['blocked', 'throttled', 'partial'].includes(verdictOf(id) ?? '')).sort();
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-service')).sort())).toEqual(asked);
      const row = (id: string) => page.locator(`[data-testid="letter-items"] tr[data-service="${id}"]`);
      expect(await row('facebook').innerText()).toContain('Zscaler');
      expect(await row('facebook').innerText()).toContain('facebook.com');
      expect(await row('youtube').innerText()).toContain(lang === 'en' ? 'restricted mode' : 'mode restreint');
      expect(await row('wikipedia').innerText()).toContain('upload.wikimedia.org');
      expect(await row('wikipedia').innerText()).toContain(lang === 'en' ? 'bandwidth' : 'débit');
      // Every figure with its source: a row shows a percentage only next to a source and year.
      for (const id of ['facebook', 'wikipedia', 'youtube']) {
        const usage = await row(id).locator('td').nth(1).innerText();
        if (/\d+([.,]\d+)?\s?%/.test(usage)) expect(usage, id).toMatch(/\(.+, 20\d\d\)/);
        else expect(usage, id).toMatch(lang === 'en' ? /no published usage figure/ : /pas de chiffre d'usage publié/);
      }
      const unchecked = report.services.filter((x) => x.verdict === 'inconclusive').map((x) => x.name);
      expect(unchecked).toEqual(['TikTok']);
      expect(await page.getByTestId('letter-uncheckable').innerText()).toContain('TikTok');
      expect(await page.getByTestId('letter').innerText()).not.toContain('Bing');
      expect(await page.getByTestId('letter-reason').innerText()).toContain('Hotline 3115');

      // The e-mail: subject and body in a mailto link within what mail clients accept.
      const href = (await page.getByTestId('letter-mailto').getAttribute('href'))!;
      expect(href.startsWith('mailto:?subject=')).toBe(true);
      expect(href.length).toBeLessThanOrEqual(MAILTO_MAX);
      expect(decodeURIComponent(href)).toContain(await page.getByTestId('letter-subject').innerText());
      const shortened = decodeURIComponent(href).includes(lang === 'en' ? 'Shortened for e-mail' : 'Raccourci pour l');
      expect(await page.getByTestId('letter-status').innerText().then((t) => t.length > 0)).toBe(shortened);

      // One printed page.
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      await page.emulateMedia({ media: 'screen' });
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
      await expectNoHorizontalOverflow(page);
      await saveScreenshot(page, `letter-${lang}`);
    });
  }

  it('copy as text, keyboard only, and at 200 % zoom', async () => {
    await page.goto(url(`letter.html#audit=${report.id}`));
    await page.getByTestId('letter').waitFor();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
    await page.getByTestId('letter-copy').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('letter-status').innerText()).toMatch(/Copied|Copié/);
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('facebook.com');
    expect(text).toContain('Wikipedia');
    // 200 % zoom of a 640 px window: 320 CSS px, no horizontal scrolling (WCAG reflow).
    await page.setViewportSize({ width: 320, height: 900 });
    await expectNoHorizontalOverflow(page);
    await page.setViewportSize({ width: 1100, height: 900 });
  });
});
