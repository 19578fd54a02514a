import type { BrowserContext, Page } from 'playwright-core';
import type { Catalog } from '../../utils/catalog/types';
import type { AuditOptions } from '../../utils/audit/types';
import type { AuditState } from '../../utils/audit/state';
import type { Report } from '../../utils/report/types';
import { launchChromiumWithExtension } from './chromium';
import { ensureExtensionBuilt } from './build-extension';
import { extensionClient, waitForAudit } from './extension-client';

export interface HeadlessAuditInput {
  catalog?: Catalog;
  options?: Partial<AuditOptions>;
  /** Extra Chromium flags: proxy, host-resolver rules, certificate trust… */
  browserArgs?: string[];
  executablePath?: string;
  /** Other extensions to load next to Access Gap (the lab's blocking extension). */
  extraExtensionDirs?: string[];
  onProgress?: (state: AuditState) => void;
  /** Called with the live browser before the audit starts (tests set cookies here). */
  beforeAudit?: (context: BrowserContext, page: Page) => Promise<void>;
  /** Give up when the audit has not finished after this long. */
  deadlineMs?: number;
}

export interface HeadlessAuditResult {
  report: Report;
  state: AuditState;
  /** Audit time only: from the start message to the finished audit. */
  wallMs: number;
  /** Browser start: launch to the extension's service worker and page ready. */
  startMs: number;
}

/**
 * Run one audit with the built extension in real headless Chromium and return
 * its report. The audit is started and read through the extension's own
 * message API from one of its pages, as the popup does.
 */
export async function runHeadlessAudit(input: HeadlessAuditInput): Promise<HeadlessAuditResult> {
  const extensionDir = ensureExtensionBuilt();
  const launched = performance.now();
  const browser = await launchChromiumWithExtension({
    extensionDir,
    args: input.browserArgs ?? [],
    ...(input.executablePath ? { executablePath: input.executablePath } : {}),
    ...(input.extraExtensionDirs?.length ? { extraExtensionDirs: input.extraExtensionDirs } : {}),
  });
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/policy-check.html`);
    const startMs = performance.now() - launched;
    await input.beforeAudit?.(browser.context, page);
    const client = extensionClient(page);
    const started = performance.now();
    const { auditId } = await client.send('startAudit', {
      trigger: 'cli',
      ...(input.catalog ? { catalog: input.catalog } : {}),
      ...(input.options ? { options: input.options } : {}),
    });
    // Audit time ends when a poll first reads the audit finished (not after the whole state is read).
    let ended: number | undefined;
    const state = await waitForAudit(client, auditId, {
      ...(input.deadlineMs ? { deadlineMs: input.deadlineMs } : {}),
      onProgress: (s) => {
        if (s.status !== 'running') ended ??= performance.now();
        input.onProgress?.(s);
      },
    });
    const wallMs = (ended ?? performance.now()) - started;
    if (state.status === 'failed') throw new Error(`the audit failed: ${state.error ?? 'unknown error'}`);
    const report = await client.send('getReport', { auditId });
    if (!report) throw new Error('the extension returned no report');
    return { report, state, wallMs, startMs };
  } finally {
    await browser.close();
  }
}
