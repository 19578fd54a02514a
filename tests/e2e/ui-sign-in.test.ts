import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Lab } from '../../lab';
import { SIGN_IN_PORTAL_HOST } from '../../lab/real-networks';
import type { LaunchedChromium } from '../../scripts/lib/chromium';
import { startUiLab, tabTo, waitForAuditDone } from './ui-helpers';

// Issue 19, rule 1: behind a guest Wi-Fi portal the employee is told plainly, in the popup and on the
// dashboard, to sign in to the network and run the audit again, with the portal named — and shown
// no gap score. The built extension in real headless Chromium, audit started from the popup.
let lab: Lab;
let browser: LaunchedChromium;
let url: (page: string) => string;

beforeAll(async () => {
  ({ lab, browser, url } = await startUiLab({ scenario: resolve(import.meta.dirname, '../../lab/scenarios/guest-wifi.json') }));
});
afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

async function expectSignInAlert(page: Page): Promise<void> {
  const alert = page.getByTestId('sign-in-required');
  await expect.poll(() => alert.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await alert.getAttribute('role')).toBe('alert');
  expect(await alert.getAttribute('data-portal')).toBe(SIGN_IN_PORTAL_HOST);
  const text = await alert.innerText();
  expect(text).toContain('Sign in to the network (or the proxy), then run the audit again.');
  expect(text).toContain(`${SIGN_IN_PORTAL_HOST} answered in place of the connectivity checks`);
  expect(await page.getByTestId('gap').count()).toBe(0);
}

describe('behind a guest Wi-Fi portal', () => {
  it('the popup says to sign in to the network, names the portal and shows no gap', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 760 });
    await popup.goto(url('popup.html'));
    await tabTo(popup, 'run');
    await popup.keyboard.press('Enter');
    await waitForAuditDone(popup);
    await expectSignInAlert(popup);
  });

  it('the dashboard says the same above the evidence', async () => {
    const dashboard = await browser.context.newPage();
    await dashboard.goto(url('dashboard.html'));
    await expectSignInAlert(dashboard);
  });
});
