import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Lab } from '../../lab';
import type { LaunchedChromium } from '../../scripts/lib/chromium';
import { startUiLab, tabTo, waitForAuditDone } from './ui-helpers';
import { saveStoreScreenshot } from './store-screenshots';

// axe-core (Deque's rules engine for WCAG 2.x A/AA) in real Chromium on every page an employee,
// an IT team or a trainer uses, after a lab audit, plus the barriers axe cannot see: focus kept in
// the presentation's setup dialog, what a screen reader hears on a slide change and at the end of
// an audit. The same audit gives the store listing its 1280×800 screenshots (store/screenshots/).
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

let lab: Lab;
let browser: LaunchedChromium;
let url: (page: string) => string;

/** axe's violations on the page as it is now, one line each (rule, impact, first elements). */
async function violations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the extension pages' CSP would refuse an injected <script>.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations;
  });
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  ({ lab, browser, url } = await startUiLab());
});
afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

describe('accessibility', () => {
  it('popup: announces the end of the audit in words, and axe finds nothing', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 760 });
    await popup.goto(url('popup.html'));
    const live = popup.getByTestId('audit-announcement');
    expect(await live.getAttribute('role')).toBe('status');
    expect(await live.innerText()).toBe('');
    await tabTo(popup, 'run');
    await popup.keyboard.press('Enter');
    await waitForAuditDone(popup);
    await expect.poll(() => live.innerText(), { timeout: 10_000 }).toMatch(
      /^Audit finished: \d+ of \d+ services blocked, \d+ degraded, \d+ inconclusive\. [\d.]+% of what customers use is blocked here\.$/,
    );
    expect(await violations(popup)).toEqual([]);
    await saveStoreScreenshot(browser, url('popup.html'), 'popup');
    await popup.close();
  });

  it('dashboard with evidence open: headings follow the outline, and axe finds nothing', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url('dashboard.html'));
    await page.getByTestId('results').waitFor();
    await page.getByTestId('evidence-button-instagram').click();
    await page.getByTestId('evidence-instagram').waitFor();
    // No level skipped from the page title down to the evidence's sub-sections.
    const levels = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((h) => (h as HTMLElement).offsetParent !== null).map((h) => Number(h.tagName[1])));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, `heading ${i}: h${levels[i - 1]} then h${levels[i]}`).toBeLessThanOrEqual(1);
    expect(await violations(page)).toEqual([]);
    await saveStoreScreenshot(browser, url('dashboard.html'), 'dashboard-evidence', async (p) => {
      await p.getByTestId('results').waitFor();
      await p.getByTestId('evidence-button-instagram').click();
      await p.getByTestId('evidence-instagram').scrollIntoViewIfNeeded();
    });
    await saveStoreScreenshot(browser, url('dashboard.html'), 'dashboard', (p) => p.getByTestId('results').waitFor());
    await page.close();
  });

  it('presentation: slide changes announce the title only; the setup dialog keeps focus and the deck behind is inert', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url('present.html'));
    await page.getByTestId('deck').waitFor();
    const announce = page.getByTestId('slide-announcement');
    const first = await announce.innerText();
    expect(first).toMatch(/ — 1 \/ \d+$|— slide 1 of \d+$|1 of \d+$/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announce.innerText()).not.toBe(first);
    const title = (await page.locator('.slide.current .slide-title').innerText()).trim();
    expect((await announce.innerText()).startsWith(title)).toBe(true);
    // No live region around the slides, and none inside another.
    expect(await page.evaluate(() => [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')]
      .filter((el) => el.parentElement?.closest('[aria-live], [role="status"], [role="alert"]')).length)).toBe(0);
    expect(await page.locator('main.slides').getAttribute('aria-live')).toBeNull();
    expect(await violations(page)).toEqual([]);
    await saveStoreScreenshot(browser, `${url('present.html')}#gap`, 'present-gap', (p) => p.getByTestId('deck').waitFor());

    await page.keyboard.press('s');
    const dialog = page.getByTestId('setup');
    await dialog.waitFor();
    expect(await page.evaluate(() => (document.querySelector('main.slides') as HTMLElement).inert)).toBe(true);
    expect(await page.evaluate(() => document.querySelector('[data-testid="setup"]')!.contains(document.activeElement))).toBe(true);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(i % 3 === 0 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => document.querySelector('[data-testid="setup"]')!.contains(document.activeElement)), `Tab ${i}`).toBe(true);
    }
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('setup-close').click();
    expect(await page.evaluate(() => (document.querySelector('main.slides') as HTMLElement).inert)).toBe(false);
    await page.close();
  });

  it('the dashboard links to the privacy policy shipped in the extension, in the page language', async () => {
    const page = await browser.context.newPage();
    await page.goto(url('dashboard.html'));
    const href = await page.getByTestId('privacy-link').getAttribute('href');
    expect(href).toBe('/docs/privacy.en.html');
    await page.getByTestId('privacy-link').click();
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/privacy policy/i);
    expect(await page.locator('body').innerText()).toContain('What is never collected');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('fleet page: axe finds nothing', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url('fleet.html'));
    await page.locator('h1').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
