import { afterAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { launchChromiumWithExtension, type LaunchedChromium } from '../../scripts/lib/chromium';
import { extensionClient, waitForAudit } from '../../scripts/lib/extension-client';
import { startLab, type Lab } from '../../lab';
import { extensionDir, managedPolicy, serveText } from './fleet-helpers';

// IT's policy names a catalog URL and no schedule: the employee's own audits probe IT's catalog
// from the first one (the background fetches it when the policy arrives; before, only a
// scheduled audit fetched it, so without a schedule employees always probed the reference).
const ids = ['wikipedia', 'facebook'];
const catalog: Catalog = { ...(referenceCatalog as Catalog), name: 'ACME catalog', version: 'acme-1', services: (referenceCatalog as Catalog).services.filter((s) => ids.includes(s.id)) };

let lab: Lab | undefined;
let browser: LaunchedChromium | undefined;
let catalogServer: Awaited<ReturnType<typeof serveText>> | undefined;

afterAll(async () => {
  await browser?.close();
  await catalogServer?.close();
  await lab?.stop();
});

describe('a managed catalog URL without a schedule', () => {
  it('the employee’s first audit, started at once, probes IT’s catalog', async () => {
    const ext = extensionDir();
    catalogServer = await serveText(JSON.stringify(catalog));
    lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario: { services: {} }, policies: managedPolicy(ext, { catalogUrl: catalogServer.url }) });
    browser = await launchChromiumWithExtension({ extensionDir: ext, args: lab.chromiumArgs, executablePath: lab.executablePath });
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/policy-check.html`);
    const client = extensionClient(page);
    const { auditId } = await client.send('startAudit', { trigger: 'user' });
    const state = await waitForAudit(client, auditId, { deadlineMs: 120_000 });
    expect(state.catalogName).toBe('ACME catalog');
    expect(state.catalogVersion).toBe('acme-1');
    expect(state.verdicts.map((v) => v.serviceId).sort()).toEqual([...ids].sort());
  });
});
