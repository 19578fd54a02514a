import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { LaunchedChromium } from '../../scripts/lib/chromium';

/** Where the store listing's screenshots land (generated, not committed: `npm run listing`). */
export const STORE_SCREENSHOTS = resolve(import.meta.dirname, '../../store/screenshots');
/** The size the Chrome Web Store, Microsoft Edge Add-ons and addons.mozilla.org all accept. */
const STORE = { width: 1280, height: 800 };

/**
 * A 1280×800 screenshot of an extension page as the stores want it. The popup is drawn at its
 * real size (380 px wide) on a plain stage, since a popup stretched to 1280 px is not what users see.
 */
export async function saveStoreScreenshot(browser: LaunchedChromium, pageUrl: string, name: string, ready?: (page: Page) => Promise<unknown>): Promise<string> {
  mkdirSync(STORE_SCREENSHOTS, { recursive: true });
  const popup = new URL(pageUrl).pathname === '/popup.html';
  const page = await browser.context.newPage();
  try {
    await page.setViewportSize(popup ? { width: 380, height: 760 } : STORE);
    await page.goto(pageUrl);
    await ready?.(page);
    await page.waitForTimeout(300); // let charts finish their first draw
    let png = await page.screenshot();
    if (popup) {
      await page.setViewportSize(STORE);
      await page.setContent(`<body style="margin:0;height:100vh;display:grid;place-items:center;background:#1d3557">
        <img alt="" style="box-shadow:0 8px 32px #0008;border-radius:8px" src="data:image/png;base64,${png.toString('base64')}"></body>`);
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      png = await page.screenshot();
    }
    const file = join(STORE_SCREENSHOTS, `${name}.png`);
    writeFileSync(file, png);
    // PNG header: width and height are the big-endian words at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([STORE.width, STORE.height]);
    return file;
  } finally {
    await page.close();
  }
}
