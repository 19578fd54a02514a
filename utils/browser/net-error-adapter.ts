import { browser } from 'wxt/browser';
import type { NetErrorTracker } from '../probe/net-error-tracker';

/**
 * Feed webRequest events for the extension's own requests (tabId -1: the
 * service worker's fetches and WebSockets) into the tracker. Must be called
 * synchronously at service-worker start so the listeners exist before probes run.
 */
export function connectNetErrorTracker(tracker: NetErrorTracker): void {
  const filter = { urls: ['<all_urls>'], tabId: -1 };
  browser.webRequest.onBeforeRequest.addListener((e) => {
    tracker.onBeforeRequest(e);
    return undefined;
  }, filter);
  browser.webRequest.onBeforeRedirect.addListener((e) => tracker.onBeforeRedirect(e), filter);
  browser.webRequest.onErrorOccurred.addListener((e) => tracker.onErrorOccurred(e), filter);
  // The address each answer came from (sinkholes, split-horizon: docs/verdicts-on-real-networks.md).
  browser.webRequest.onResponseStarted.addListener((e) => tracker.onResponseStarted(e), filter);
  // A proxy's 407, as Firefox shows it (it raises no onAuthRequired for our requests).
  browser.webRequest.onHeadersReceived.addListener((e) => {
    tracker.onHeadersReceived(e);
    return undefined;
  }, filter);
  // Observed only (no `blocking`): we never answer a proxy's 407, we report that it asked.
  browser.webRequest.onAuthRequired.addListener((e) => {
    tracker.onAuthRequired({ ...e, isProxy: e.isProxy === true });
    return undefined;
  }, filter);
}
