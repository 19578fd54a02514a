import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Catalog } from '../../utils/catalog/types';
import type { AuditState } from '../../utils/audit/state';
import { CONTROL_URLS } from '../../utils/probe/control';
import { launchChromiumWithExtension, type LaunchedChromium } from '../../scripts/lib/chromium';
import { ensureExtensionBuilt } from '../../scripts/lib/build-extension';
import { extensionClient, waitForAudit, type ExtensionClient } from '../../scripts/lib/extension-client';
import { startLab, type Lab } from '../../lab';

// A service worker stopped mid-audit loses no finished result, and the audit
// resumes by itself. The worker is stopped for real through the DevTools protocol,
// as Chrome does when it idles a worker out.
const service = (id: string) => ({
  id, name: id, category: 'test', channels: { page: `https://${id}.resume.test/` }, usage: [],
});
const fast = ['fast-a', 'fast-b', 'fast-c'];
const slow = ['slow-a', 'slow-b'];
const catalog: Catalog = { schemaVersion: 1, name: 'resume', version: '1', services: [...fast, ...slow].map(service) };

let lab: Lab;
let browser: LaunchedChromium;
beforeAll(async () => {
  lab = await startLab({
    catalog,
    controlUrls: CONTROL_URLS,
    scenario: { services: Object.fromEntries(slow.map((id) => [id, { treatments: { all: 'silent' }, expect: { verdict: 'blocked', mechanism: 'timeout' } }])) },
  });
  browser = await launchChromiumWithExtension({ extensionDir: ensureExtensionBuilt(), args: lab.chromiumArgs, executablePath: lab.executablePath });
});
afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

async function openClient() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/policy-check.html`);
  return extensionClient(page);
}

const poll = (client: ExtensionClient, auditId: string, until: (s: AuditState) => boolean) =>
  waitForAudit(client, auditId, { until, deadlineMs: 30_000 });

it('resumes after the service worker is stopped mid-audit, without probing finished services again', async () => {
  const client = await openClient();
  const { auditId } = await client.send('startAudit', { catalog, options: { timeoutMs: 6000 } });
  // The fast services land while the silent ones are still waiting on the timer.
  const before = await poll(client, auditId, (s) => s.done >= fast.length);
  expect(before.status).toBe('running');
  const finishedBefore = before.verdicts.map((v) => v.serviceId).sort();

  const page = browser.context.pages().find((p) => p.url().includes(browser.extensionId))!;
  const cdp = await browser.context.newCDPSession(page);
  const workers = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
  const [worker] = await workers();
  await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
  for (let i = 0; i < 50 && (await workers()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await workers()).toEqual([]);
  // The next message wakes a new service worker, which resumes the audit on start.

  const after = await poll(client, auditId, (s) => s.status !== 'running');
  expect(after.status).toBe('complete');
  expect(after.done).toBe(catalog.services.length);
  const verdicts = Object.fromEntries(after.verdicts.map((v) => [v.serviceId, `${v.verdict}/${v.mechanism ?? ''}`]));
  for (const id of fast) expect(verdicts[id]).toBe('reachable/');
  for (const id of slow) expect(verdicts[id]).toBe('blocked/timeout');
  // Each finished service was fetched exactly once: the resumed audit did not probe it again.
  for (const id of finishedBefore) {
    expect(lab.requests.filter((r) => r.host.startsWith(`${id}.resume.test`)).length).toBe(1);
  }
});
