import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CHROME_BUILD_DIR, ensureExtensionBuilt } from '../../scripts/lib/build-extension';
import { unpackedExtensionId } from '../../scripts/lib/chromium';

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
