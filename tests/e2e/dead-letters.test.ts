import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { launchChromiumWithExtension, type LaunchedChromium } from '../../scripts/lib/chromium';
import { extensionClient, waitForAudit } from '../../scripts/lib/extension-client';
import { startLab, type Lab } from '../../lab';
import { extensionDir, managedPolicy, waitFor } from './fleet-helpers';

// Issue 13 point 2, end to end: a receiver refuses a report for good (422 with its reason). The
// report is never dropped: the dashboard's fleet status lists it with the reason and the receiver's
// host (never the URL's token-bearing path or query), the employee exports it as JSON (the report
// exactly as it would be sent) and removes it (docs/upload-protocol.md).
const reference = referenceCatalog as Catalog;
const catalog: Catalog = { ...reference, name: 'Dead-letter test catalog', services: reference.services.filter((s) => s.id === 'wikipedia') };
const REASON = 'site: not a site this receiver knows (lab)';

let lab: Lab | undefined;
let browser: LaunchedChromium | undefined;
let receiver: Server | undefined;
const posted: string[] = [];

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
  await lab?.stop();
});

/** A receiver that refuses every report for good, as the upload contract's 422 with a reason. */
async function refusingReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      posted.push(body);
      res.writeHead(422, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: REASON }));
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}

describe('reports the receiver refused (dead letters)', () => {
  it('are listed with the reason, exported as sent, and removed by the employee', async () => {
    const ext = extensionDir();
    const base = await refusingReceiver();
    const host = new URL(base).host;
    lab = await startLab({
      catalog,
      controlUrls: CONTROL_URLS,
      scenario: { services: {} },
      policies: managedPolicy(ext, { organisation: 'Lab Corp', site: 'Unknown site', uploadUrl: `${base}/ingest/tok-8f2e/reports?key=tok-secret` }),
    });
    browser = await launchChromiumWithExtension({ extensionDir: ext, args: [...lab.chromiumArgs, '--lang=en-US'], executablePath: lab.executablePath });
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/dashboard.html`);
    const client = extensionClient(page);
    const { auditId } = await client.send('startAudit', { catalog, options: { timeoutMs: 8000 } });
    expect(await waitForAudit(client, auditId, { deadlineMs: 120_000 })).toMatchObject({ status: 'complete' });
    await waitFor('the refusal kept as a dead letter', async () => (await client.send('getFleetStatus', {})).upload.deadLetters.length > 0, 30_000);
    expect(posted).toHaveLength(1); // refused for good: never sent again

    await page.reload();
    const item = page.getByTestId('dead-letter');
    await item.waitFor();
    expect(await item.innerText()).toContain(`${host} refused it (HTTP 422): ${REASON}`);
    const panel = await page.getByTestId('fleet-status').innerText();
    expect(panel).toContain(`Reports sent to\n${host}`);
    expect(panel).not.toMatch(/tok-/);

    const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('dead-letter-export').click()]);
    expect(download.suggestedFilename()).toBe(`access-gap-refused-${auditId}.json`);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toBe(posted[0]);
    expect(JSON.parse(exported)).toMatchObject({ id: auditId, site: 'Unknown site' });

    await item.getByTestId('dead-letter-remove').click();
    await expect.poll(() => page.getByTestId('dead-letter').count()).toBe(0);
    expect((await client.send('getFleetStatus', {})).upload.deadLetters).toEqual([]);
  });
});
