import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog, Population } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import type { Report } from '../../utils/report/types';
import { usageFor } from '../../utils/catalog/usage';
import { computeGap } from '../../utils/gap';
import type { ServiceVerdict } from '../../utils/verdict/types';
import { startLab, type Lab, type LabOptions } from '../../lab';
import { launchChromiumWithExtension, type LaunchedChromium } from '../../scripts/lib/chromium';
import { ensureExtensionBuilt } from '../../scripts/lib/build-extension';

export const catalog = referenceCatalog as Catalog;
export const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');

/** The corporate lab (or another scenario and catalog) and a browser with the built extension routed into it. */
export async function startUiLab(
  options: Partial<Pick<LabOptions, 'catalog' | 'scenario' | 'mediaBodyBytes'>> = {},
): Promise<{ lab: Lab; browser: LaunchedChromium; url(page: string): string }> {
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario: resolve(import.meta.dirname, '../../lab/scenarios/corporate.json'), ...options });
  try {
    const extensionDir = await privateExtensionCopy();
    const launched = await launchChromiumWithExtension({
      extensionDir,
      args: [...lab.chromiumArgs, '--lang=en-US'],
      executablePath: lab.executablePath,
      extraExtensionDirs: lab.extensionDirs,
    });
    const browser = { ...launched, close: () => launched.close().finally(() => rmSync(extensionDir, { recursive: true, force: true })) };
    // The silent firewall holds an audit for one probe timeout: long enough to reopen the popup mid-audit.
    await browser.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({
        settings: { timeoutMs: 8000 },
      }),
    );
    return { lab, browser, url: (page) => `chrome-extension://${browser.extensionId}/${page}` };
  } catch (error) {
    await lab.stop();
    throw error;
  }
}

/**
 * A private copy of the built extension: other test runs in this checkout may rebuild
 * `.output` while this browser runs. A copy caught mid-rebuild lacks files: retry.
 */
async function privateExtensionCopy(): Promise<string> {
  const needed = ['manifest.json', 'background.js', 'popup.html', 'dashboard.html'];
  for (let attempt = 0; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'access-gap-ui-ext-'));
    try {
      cpSync(ensureExtensionBuilt(), dir, { recursive: true });
      if (needed.every((f) => existsSync(join(dir, f)))) return dir;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
    rmSync(dir, { recursive: true, force: true });
    if (attempt >= 5) throw new Error('the built extension stayed incomplete (a concurrent build?)');
    await new Promise((r) => setTimeout(r, 3000));
  }
}

/**
 * The gap and the popup's top blocked list that the scenario's intended verdicts give
 * over the catalog the audit really used (taken from the report itself), computed by
 * the product's one gap definition.
 */
export function expectedFromScenario(report: Report, lab: Lab, population: Population) {
  const audited = { ...catalog, services: report.services.map(({ verdict: _v, mechanism: _m, channels: _c, ...s }) => ({ ...s, channels: {} })) } as Catalog;
  const verdicts: ServiceVerdict[] = report.services.map((s) => ({
    serviceId: s.id,
    verdict: lab.scenario.services[s.id]?.expect.verdict ?? 'reachable',
    channels: [],
  }));
  const share = (id: string) => usageFor(audited.services.find((s) => s.id === id)!, population)?.share ?? -1;
  const name = (id: string) => audited.services.find((s) => s.id === id)!.name;
  const topBlocked = verdicts
    .filter((v) => v.verdict === 'blocked')
    .map((v) => v.serviceId)
    .sort((a, b) => share(b) - share(a) || name(a).localeCompare(name(b)))
    .slice(0, 5);
  return { gap: computeGap(audited, verdicts, population), topBlocked };
}

/** Wait until the popup's progress reads N of N and the audit is no longer running. */
export async function waitForAuditDone(page: Page, timeoutMs = 150_000): Promise<{ done: number; total: number }> {
  await page.waitForFunction(
    () => {
      const p = document.querySelector('[data-testid="progress-text"]');
      const run = document.querySelector<HTMLButtonElement>('[data-testid="run"]');
      return p && run && !run.disabled && p.getAttribute('data-done') === p.getAttribute('data-total');
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  const p = page.getByTestId('progress-text');
  return { done: Number(await p.getAttribute('data-done')), total: Number(await p.getAttribute('data-total')) };
}

/**
 * Save a screenshot and check it really shows something: a real PNG of some
 * size whose pixels are not all one colour (decoded by the browser itself, so
 * no image library is needed).
 */
export async function saveScreenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const png = await page.screenshot({ fullPage });
  const file = join(SCREENSHOTS, `${name}.png`);
  writeFileSync(file, png);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(statSync(file).size).toBeGreaterThan(5000);
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length && seen.size < 64; i += 4 * 7) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  }, png.toString('base64'));
  expect(colours, `${name}.png looks blank`).toBeGreaterThan(8);
  return file;
}

/** No horizontal scrolling at this viewport (WCAG reflow: 200 % zoom of a 640 px window = 320 CSS px). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

/** Focus an element with the keyboard only (Tab until it has focus), then return. */
export async function tabTo(page: Page, testId: string, maxTabs = 40): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
  }
  throw new Error(`could not reach ${testId} with Tab`);
}
