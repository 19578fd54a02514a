import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { ProtocolMap } from '../../utils/messaging';
import { FirefoxRdp, type ExtensionContext } from '../../lab/firefox-rdp';
import { freePort } from '../../lab/servers';

/** Debian's Firefox ESR (`apt-get install -y firefox-esr`). */
export const DEFAULT_FIREFOX = '/usr/bin/firefox-esr';

type Req<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Res<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

export interface FirefoxLaunchOptions {
  /** Built extension, e.g. `.output/firefox-mv3` (needs `browser_specific_settings.gecko.id`). */
  extensionDir: string;
  /** Firefox or the lab's namespace wrapper. */
  executablePath?: string;
  /** Extra prefs, e.g. the lab's proxy prefs. */
  prefs?: Record<string, string | number | boolean>;
}

export interface LaunchedFirefox {
  browser: Browser;
  extensionId: string;
  /** The extension's background page (Firefox MV3 runs an event page, not a service worker). */
  background: ExtensionContext;
  /** Sends a message from one of the extension's own pages, exactly as the popup does. */
  send<K extends keyof ProtocolMap>(type: K, data: Req<K>): Promise<Res<K>>;
  close(): Promise<void>;
}

/**
 * Prefs for a quiet, reproducible browser (no updates, telemetry or prefetch polluting the lab log),
 * plus the debugger server that lets the test reach the extension's own contexts (see firefox-rdp.ts).
 */
const QUIET_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.update.enabled': false,
  'network.prefetch-next': false,
  'network.dns.disablePrefetch': true,
  'devtools.debugger.remote-enabled': true,
  'devtools.debugger.prompt-connection': false,
  'devtools.chrome.enabled': true,
};

/**
 * Launches headless Firefox over WebDriver BiDi (puppeteer-core), installs the extension as a
 * temporary add-on, and attaches to its background page over RDP.
 */
export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions): Promise<LaunchedFirefox> {
  const port = await freePort();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: options.executablePath ?? DEFAULT_FIREFOX,
    headless: true,
    args: ['--start-debugger-server', String(port)],
    extraPrefsFirefox: { ...QUIET_PREFS, ...options.prefs },
  });
  let rdp: FirefoxRdp | undefined;
  try {
    const extensionId = await browser.installExtension(resolve(options.extensionDir));
    rdp = await FirefoxRdp.connect(port);
    const connection = rdp;
    const background = await rdp.extensionContext(extensionId, (url) => url.endsWith('/_generated_background_page.html'));
    let page: Promise<ExtensionContext> | undefined;
    // An extension page of our own, opened once: background messages are accepted only from those.
    // Its target is looked up once the page has loaded: once, under load, the target found right
    // after tabs.create had no extension APIs ("browser is not defined").
    const ownPage = () =>
      (page ??= background
        .evaluate<string>(`browser.tabs.create({ url: browser.runtime.getURL('/permissions.html'), active: false }).then((tab) => new Promise((done) => {
          const check = () => browser.tabs.get(tab.id).then((t) => { if (t.status === 'complete') { browser.tabs.onUpdated.removeListener(check); done(); } });
          browser.tabs.onUpdated.addListener(check);
          check();
        })).then(() => browser.runtime.getURL('/permissions.html'))`)
        .then((url) => connection.extensionContext(extensionId, (u) => u === url)));
    return {
      browser,
      extensionId,
      background,
      async send(type, data) {
        const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
        const reply = await (await ownPage()).evaluate<{ res?: unknown; err?: { message?: string } } | null>(
          `browser.runtime.sendMessage(${JSON.stringify(message)})`,
        );
        if (!reply) throw new Error(`no answer from the extension to ${type}`);
        if (reply.err) throw new Error(`${type}: ${reply.err.message ?? 'failed'}`);
        return reply.res as Res<typeof type>;
      },
      async close() {
        connection.close();
        await browser.close().catch(() => {});
      },
    };
  } catch (error) {
    rdp?.close();
    await browser.close().catch(() => {});
    throw error;
  }
}
