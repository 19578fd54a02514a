import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `labFetch` returns inside the probe extension's service worker. */
export interface ProbeResult {
  status?: number;
  url?: string;
  redirected?: boolean;
  headers?: Record<string, string>;
  body?: string;
  bytes?: number;
  jsError?: string;
  /** Last `webRequest.onErrorOccurred` error since the probe started. */
  netError?: string;
  timedOut?: boolean;
  ms: number;
}

/**
 * A tiny MV3 extension for testing the lab itself without the product: its service worker
 * exposes `labFetch`, `labNavigate` and `labWebSocket` for Playwright's `worker.evaluate`, and
 * reads the browser's error strings from webRequest / webNavigation (docs/what-the-browser-sees.md: `fetch`
 * only ever says "Failed to fetch"; the cause is in `onErrorOccurred`).
 */
export function writeProbeExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Lab probe (tests only)',
    version: '1.0',
    permissions: ['webRequest', 'webNavigation', 'cookies'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'background.js' },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'background.js'), BACKGROUND);
  return dir;
}

const BACKGROUND = `
const errors = [];
chrome.webRequest.onErrorOccurred.addListener((d) => errors.push({ url: d.url, error: d.error, t: performance.now() }), { urls: ['<all_urls>'] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const errorSince = (t0) => errors.filter((e) => e.t >= t0).map((e) => e.error).pop();

globalThis.labFetch = async (url, timeoutMs = 3000, credentials = 'omit') => {
  const t0 = performance.now();
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const r = await fetch(url, { credentials, cache: 'no-store', signal: ctrl.signal });
    const buf = await r.arrayBuffer();
    const body = new TextDecoder().decode(buf.slice(0, 4000));
    return { status: r.status, url: r.url, redirected: r.redirected, headers: Object.fromEntries(r.headers), body, bytes: buf.byteLength, ms: performance.now() - t0 };
  } catch (e) {
    await sleep(100); // onErrorOccurred arrives asynchronously
    return { jsError: String(e), netError: errorSince(t0), timedOut: ctrl.signal.aborted, ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
};

globalThis.labNavigate = (url, timeoutMs = 5000) => new Promise(async (resolve) => {
  const t0 = performance.now();
  const tab = await chrome.tabs.create({ url, active: false });
  const done = (result) => {
    chrome.webNavigation.onErrorOccurred.removeListener(onError);
    chrome.webNavigation.onCompleted.removeListener(onDone);
    chrome.tabs.remove(tab.id).catch(() => {});
    resolve({ ...result, ms: performance.now() - t0 });
  };
  const onError = (d) => { if (d.tabId === tab.id && d.frameId === 0) done({ netError: d.error }); };
  const onDone = (d) => { if (d.tabId === tab.id && d.frameId === 0) done({ url: d.url }); };
  chrome.webNavigation.onErrorOccurred.addListener(onError);
  chrome.webNavigation.onCompleted.addListener(onDone);
  setTimeout(() => done({ timedOut: true }), timeoutMs);
});

globalThis.labWebSocket = (url, timeoutMs = 3000) => new Promise((resolve) => {
  const t0 = performance.now();
  const result = { opened: false };
  const ws = new WebSocket(url);
  const finish = () => resolve({ ...result, ms: performance.now() - t0 });
  const timer = setTimeout(() => { result.timedOut = true; ws.close(); finish(); }, timeoutMs);
  ws.onopen = () => { result.opened = true; };
  ws.onmessage = (m) => { result.message = String(m.data); clearTimeout(timer); ws.close(1000); };
  ws.onclose = (e) => { result.closeCode = e.code; clearTimeout(timer); finish(); };
});
`;
