import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/** Debian's real Chromium binary: /usr/bin/chromium is a wrapper that adds its own flags. */
export const DEFAULT_CHROMIUM = '/usr/lib/chromium/chromium';

/**
 * Flags for a quiet, reproducible browser: no sandbox (root in a container), no QUIC (the lab
 * speaks TCP only, and QUIC would bypass TCP-level treatments), no background traffic that would
 * pollute the lab's request log.
 */
export const FIXED_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface LaunchOptions {
  /** Unpacked extension whose service worker is returned (e.g. `.output/chrome-mv3`). */
  extensionDir: string;
  /** Other unpacked extensions loaded next to it (the lab's blocking extension). */
  extraExtensionDirs?: string[];
  /** Extra flags, e.g. the lab's `chromiumArgs`. */
  args?: string[];
  /** Browser binary or the lab's policy wrapper (default: Debian's Chromium). */
  executablePath?: string;
  /** Profile directory; default a fresh temp dir removed on close. */
  userDataDir?: string;
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** The service worker of `extensionDir`. */
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * The id Chromium gives an unpacked extension without a `key`: SHA-256 of its absolute path,
 * first 32 hex digits mapped 0-f → a-p. Lets us pick our worker when several extensions load.
 */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Launches headless Chromium with the extension(s) loaded and waits for the extension's service worker. */
export async function launchChromiumWithExtension(options: LaunchOptions): Promise<LaunchedChromium> {
  const extensions = [options.extensionDir, ...(options.extraExtensionDirs ?? [])].map((d) => resolve(d));
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'access-gap-profile-'));
  let context: BrowserContext | undefined;
  // Playwright otherwise follows every request of the extension's service worker over the DevTools
  // protocol: work in the browser, the worker and this process (which also serves the lab) that no
  // employee's browser does. Measured on a 40-service audit: ~15 % of the browser's and the
  // extension's CPU (docs/scale.md). No test reads the worker's network events.
  process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK ??= '1';
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: options.executablePath ?? DEFAULT_CHROMIUM,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${extensions.join(',')}`,
        `--load-extension=${extensions.join(',')}`,
        ...FIXED_FLAGS,
        ...(options.args ?? []),
      ],
    });
    const wanted = unpackedExtensionId(options.extensionDir);
    const isOurs = (w: Worker) => w.url().startsWith(`chrome-extension://${wanted}/`);
    const serviceWorker =
      context.serviceWorkers().find(isOurs) ??
      (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 15_000 }));
    const ctx = context;
    return {
      context: ctx,
      serviceWorker,
      extensionId: new URL(serviceWorker.url()).host,
      async close() {
        await ctx.close().catch(() => {});
        if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => {});
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
