import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROME_BUILD_DIR, ensureExtensionBuilt } from '../../scripts/lib/build-extension';
import { launchChromiumWithExtension, unpackedExtensionId, type LaunchedChromium } from '../../scripts/lib/chromium';
import { extensionClient, type ExtensionClient } from '../../scripts/lib/extension-client';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { startLab, type Lab, type Scenario } from '../../lab';

/**
 * The built extension: `.output/chrome-mv3` (rebuilt when stale), or
 * `ACCESS_GAP_EXTENSION_DIR` when the build comes from elsewhere (another checkout).
 */
export function extensionDir(): string {
  const dir = process.env.ACCESS_GAP_EXTENSION_DIR;
  return dir ? resolve(dir) : (ensureExtensionBuilt(), CHROME_BUILD_DIR);
}

/** Poll `check` until it returns a truthy value, or fail with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs: number, everyMs = 250): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A one-file HTTP server on loopback (the managed catalog URL). */
export async function serveText(body: string, contentType = 'application/json'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/catalog.json`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Chromium's managed policy giving the extension in `extensionDir` IT's settings (3rdparty storage). */
export function managedPolicy(extensionDir: string, settings: Record<string, unknown>): Record<string, unknown> {
  return { '3rdparty': { extensions: { [unpackedExtensionId(extensionDir)]: settings } } };
}

export interface ManagedBrowser {
  lab: Lab;
  browser: LaunchedChromium;
  /** An extension page of the managed browser, and the message client on it. */
  page: Page;
  client: ExtensionClient;
  close(): Promise<void>;
}

/**
 * The lab with IT's policy for the extension (`settings`, plus `catalogUrl` pointing at
 * `catalog` served on loopback), and Chromium under that policy with one extension page open.
 */
export async function startManagedBrowser(options: { catalog: Catalog; scenario: Scenario; settings: Record<string, unknown> }): Promise<ManagedBrowser> {
  const ext = extensionDir();
  const catalogServer = await serveText(JSON.stringify(options.catalog));
  let lab: Lab | undefined;
  let browser: LaunchedChromium | undefined;
  const close = async () => {
    await browser?.close();
    await catalogServer.close();
    await lab?.stop();
  };
  try {
    lab = await startLab({
      catalog: options.catalog,
      controlUrls: CONTROL_URLS,
      scenario: options.scenario,
      policies: managedPolicy(ext, { ...options.settings, catalogUrl: catalogServer.url }),
    });
    browser = await launchChromiumWithExtension({ extensionDir: ext, args: lab.chromiumArgs, executablePath: lab.executablePath });
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/policy-check.html`);
    return { lab, browser, page, client: extensionClient(page), close };
  } catch (error) {
    await close();
    throw error;
  }
}
