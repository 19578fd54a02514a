import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { startCollector, type Collector } from '../../scripts/collector/server';
import { launchChromiumWithExtension, type LaunchedChromium } from '../../scripts/lib/chromium';
import { extensionClient, waitForAudit } from '../../scripts/lib/extension-client';
import { BLOCK_PAGE_REDIRECTS, startLab, type Lab } from '../../lab';
import { SQUIDGUARD_CLIENT, SQUIDGUARD_PERSONAL_VALUES } from '../../lab/squidguard';
import { extensionDir, managedPolicy, waitFor } from './fleet-helpers';

// Issue 13 point 1, end to end: behind squidGuard (lab/scenarios/squidguard.json) the block-page
// redirect carries the employee's address, machine and user name. An employee on a managed browser
// runs an audit from the popup; the report goes to IT's receiver. None of those values may be found
// in the extension's storage (IndexedDB, storage.local/session), the dashboard as shown, its JSON
// and CSV exports, the request the receiver got, or what the receiver stored (docs/privacy.md).
const ids = ['facebook', 'reddit', 'wikipedia'];
const reference = referenceCatalog as Catalog;
const catalog: Catalog = { ...reference, name: 'Privacy test catalog', services: reference.services.filter((s) => ids.includes(s.id)) };
const AUTH = 'Bearer lab-privacy-token';
const PORTAL = BLOCK_PAGE_REDIRECTS.squidguard;

const dir = mkdtempSync(join(tmpdir(), 'access-gap-privacy-e2e-'));
let lab: Lab | undefined;
let browser: LaunchedChromium | undefined;
let collector: Collector | undefined;
let front: { url: string; bodies: string[]; close(): Promise<void> } | undefined;

afterAll(async () => {
  await browser?.close();
  await front?.close();
  await collector?.close().catch(() => {});
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The personal values found in `text`, case-insensitively (empty: none). */
const leaks = (text: string) => SQUIDGUARD_PERSONAL_VALUES.filter((v) => text.toLowerCase().includes(v.toLowerCase()));

/** In front of the collector: records each request body byte for byte, then passes it on. */
async function recordingFront(target: string): Promise<NonNullable<typeof front>> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST') bodies.push(body);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
      void fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(req.method === 'POST' ? { body } : {}) })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(await answer.text());
        })
        .catch(() => { res.writeHead(502); res.end(); });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

/** Every IndexedDB database of the extension, every store, every record; storage.local and .session. */
async function dumpStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump: Record<string, unknown> = {};
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        dump[`${info.name}/${name}`] = await new Promise((ok, fail) => {
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => ok(all.result);
          all.onerror = () => fail(all.error);
        });
      }
      db.close();
    }
    const chrome = (globalThis as unknown as { chrome: { storage: Record<'local' | 'session', { get(k: null): Promise<object> }> } }).chrome;
    dump['storage.local'] = await chrome.storage.local.get(null);
    dump['storage.session'] = await chrome.storage.session.get(null);
    return JSON.stringify(dump);
  });
}

describe('privacy behind squidGuard (issue 13, docs/privacy.md)', () => {
  it('names the block page, and keeps none of the address, machine or user name anywhere', async () => {
    const ext = extensionDir();
    collector = await startCollector({ dir, credentials: { upload: [AUTH] } });
    front = await recordingFront(collector.url.replace(/\/$/, ''));
    lab = await startLab({
      catalog,
      controlUrls: CONTROL_URLS,
      scenario: resolve(import.meta.dirname, '../../lab/scenarios/squidguard.json'),
      policies: managedPolicy(ext, { organisation: 'Lab Corp', site: 'Lab site', uploadUrl: `${front.url}/reports`, uploadAuthorization: AUTH }),
    });
    browser = await launchChromiumWithExtension({ extensionDir: ext, args: [...lab.chromiumArgs, '--lang=en-US'], executablePath: lab.executablePath });
    const url = (p: string) => `chrome-extension://${browser!.extensionId}/${p}`;

    // The employee starts an audit from an extension page (the popup's own message, with the test's
    // short catalog: IT's catalog URL is only fetched by scheduled audits).
    const popup = await browser.context.newPage();
    await popup.goto(url('popup.html'));
    const client = extensionClient(popup);
    const { auditId } = await client.send('startAudit', { catalog, options: { timeoutMs: 8000 } });
    expect(await waitForAudit(client, auditId, { deadlineMs: 120_000 })).toMatchObject({ status: 'complete' });
    const [audit] = await client.send('listAudits', {});
    expect(audit).toMatchObject({ id: auditId, catalogName: 'Privacy test catalog' });

    // The filter really sent the identity to the browser: the block page was asked with it.
    const portalHits = lab.requests.filter((r) => r.host === PORTAL.host);
    expect(portalHits.length).toBeGreaterThan(0);
    expect(decodeURIComponent(portalHits[0]!.path)).toContain(`clientaddr=${SQUIDGUARD_CLIENT.addr}&clientname=${SQUIDGUARD_CLIENT.name}&clientuser=${SQUIDGUARD_CLIENT.user}`);

    // The block page is still recognised, by squidGuard's CGI path, without its query.
    const report = (await client.send('getReport', { auditId: audit!.id }))!;
    for (const id of ['facebook', 'reddit']) {
      const service = report.services.find((s) => s.id === id)!;
      expect(service).toMatchObject({ verdict: 'blocked', mechanism: 'block-page' });
      const page = service.channels.find((c) => c.channel === 'page')!;
      expect(page.evidence.fingerprint).toMatchObject({ id: 'squidguard', vendor: 'squidGuard' });
      expect(page.evidence.finalHost).toBe(PORTAL.host);
      expect(page.evidence.redirects?.map((r) => r.to)).toContain(`https://${PORTAL.host}${PORTAL.path}`);
    }
    expect(report.services.find((s) => s.id === 'wikipedia')).toMatchObject({ verdict: 'reachable' });

    // The report reaches IT's receiver.
    await waitFor('the report at the receiver', () => collector!.stats.stored >= 1, 60_000);
    const status = await waitFor('the upload acknowledged', async () => {
      const s = await client.send('getFleetStatus', {});
      return s.upload.delivered.length > 0 ? s : undefined;
    }, 30_000);
    expect(front.bodies.length).toBeGreaterThan(0);
    expect(JSON.parse(front.bodies[0]!)).toMatchObject({ id: audit!.id, site: 'Lab site', organisation: 'Lab Corp' });

    // The dashboard as shown (evidence open), and its two exports.
    const dashboard = await browser.context.newPage();
    await dashboard.goto(url('dashboard.html'));
    await dashboard.getByTestId('evidence-button-facebook').click();
    await expect.poll(() => dashboard.getByTestId('evidence-facebook').innerText()).toMatch(/squidGuard/);
    const shown = await dashboard.content();
    const download = async (testId: string) => {
      const [file] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId(testId).click()]);
      return readFileSync((await file.path())!, 'utf8');
    };
    const json = await download('export-json');
    expect(JSON.parse(json)).toEqual(report);
    const csv = await download('export-csv');
    expect(csv).toMatch(/squidGuard\.cgi/);

    // What the receiver stored, every table.
    const tables = await collector.store.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
    const rows = await Promise.all(tables.map((t) => collector!.store.query(`SELECT * FROM "${String(t.table_name)}"`)));
    const stored = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(stored).toContain(audit!.id);

    const places: Record<string, string> = {
      storage: await dumpStorage(dashboard),
      dashboard: shown,
      'fleet status': JSON.stringify(status),
      'JSON export': json,
      'CSV export': csv,
      'uploaded request': front.bodies.join('\n'),
      'receiver database': stored,
    };
    // Each place really holds the audit's evidence (a search in an empty dump would prove nothing;
    // the receiver keeps verdicts, not evidence, and its rows were checked for the audit's id above)…
    for (const [where, text] of Object.entries(places)) if (where !== 'receiver database') expect(text, where).toMatch(/squidGuard\.cgi/);
    // …and none of the employee's values.
    expect(Object.fromEntries(Object.entries(places).map(([where, text]) => [where, leaks(text)]))).toEqual(
      Object.fromEntries(Object.keys(places).map((where) => [where, []])),
    );
  });
});
