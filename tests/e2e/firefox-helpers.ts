import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Catalog } from '../../utils/catalog/types';
import type { Report } from '../../utils/report/types';
import { ROOT } from '../../scripts/lib/build-extension';
import { waitForAudit } from '../../scripts/lib/extension-client';
import { launchFirefoxWithExtension, type LaunchedFirefox } from '../../scripts/lib/firefox';
import { startFirefoxLab, type FirefoxLab, type FirefoxLabOptions } from '../../lab/firefox-lab';

/** The Firefox package the Firefox tests install (`wxt build -b firefox --mv3`). */
export const FIREFOX_BUILD = join(ROOT, '.output/firefox-mv3');

/** Builds the Firefox package (call from `beforeAll`): the e2e project builds nothing itself. */
export function buildFirefoxExtension(): void {
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Firefox's own captive-portal detection and connectivity pings as a user's Firefox ships them
 * (browser/defaults/preferences/firefox.js: `network.captive-portal-service.enabled` true; the
 * connectivity service is on by default). The Firefox lab turns both off for its other tests, where
 * Firefox's detector would fetch `detectportal.firefox.com/canonical.html` from a lab that serves
 * that host as an ordinary page; the sign-in tests turn them back on, so that Firefox's detector meets
 * the portal at the same time as our control does (docs/verdicts-on-real-networks.md).
 */
export const USER_PORTAL_DETECTION = {
  'network.captive-portal-service.enabled': true,
  'network.connectivity-service.enabled': true,
} as const;

/**
 * One Firefox lab and one Firefox with the built extension per test, stopped after each test.
 * Call at the top of a test file.
 */
export function useFirefoxLab() {
  let lab: FirefoxLab | undefined;
  let firefox: LaunchedFirefox | undefined;
  afterEach(async () => {
    await firefox?.close();
    await lab?.stop();
    firefox = undefined;
    lab = undefined;
  });
  return {
    /** Starts the lab, then Firefox with the lab's prefs (and `prefs` over them). */
    async start(options: FirefoxLabOptions, prefs: Record<string, string | number | boolean> = {}) {
      lab = await startFirefoxLab(options);
      firefox = await launchFirefoxWithExtension({ extensionDir: FIREFOX_BUILD, executablePath: lab.executablePath, prefs: { ...lab.prefs, ...prefs } });
      return { lab, firefox };
    },
  };
}

/** Runs one audit from the extension's own page, as the CLI does, and returns its report. */
export async function auditInFirefox(firefox: LaunchedFirefox, options: { timeoutMs: number; catalog?: Catalog }): Promise<Report> {
  const { auditId } = await firefox.send('startAudit', { trigger: 'cli', ...(options.catalog ? { catalog: options.catalog } : {}), options: { timeoutMs: options.timeoutMs } });
  await waitForAudit(firefox, auditId, { deadlineMs: 150_000, intervalMs: 1000 });
  const report = await firefox.send('getReport', { auditId });
  if (!report) throw new Error('no report');
  return report;
}
