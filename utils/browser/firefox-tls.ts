import { browser } from 'wxt/browser';
import type { ProbeFns } from '../probe/probe-fns';
import { untagUrl } from '../probe/request-tag';
import { decideTlsInspection, type SecurityInfoLike, type TlsInspection } from '../probe/tls-observation';

/** Enough for every probe in flight; older entries are dropped so a long audit cannot grow it. */
const MAX_REMEMBERED = 500;

type GetSecurityInfo = (requestId: string, options: { certificateChain: boolean }) => Promise<SecurityInfoLike>;

/**
 * Firefox only: records who owns the certificate chain of each of Access Gap's own HTTPS responses
 * and adds it to the fetch observation as `tls`. `getSecurityInfo` works only inside a *blocking*
 * `onHeadersReceived` listener (hence `webRequestBlocking` in the Firefox manifest); the listener
 * never changes the request. On Chrome, which has no `getSecurityInfo`, the probes come back as they
 * were and observations carry no `tls` — the report then says the check is unavailable.
 * Call synchronously at background start, like the net-error adapter.
 */
export function withFirefoxTlsInfo(probes: ProbeFns): ProbeFns {
  const webRequest = browser.webRequest as unknown as { getSecurityInfo?: GetSecurityInfo };
  const getSecurityInfo = webRequest.getSecurityInfo?.bind(browser.webRequest);
  if (!getSecurityInfo) return probes;
  const byUrl = new Map<string, TlsInspection>();

  type Listener = Parameters<typeof browser.webRequest.onHeadersReceived.addListener>[0];
  browser.webRequest.onHeadersReceived.addListener(
    // Firefox waits for a promise returned by a blocking listener (the polyfill's types say otherwise).
    (async (details: Parameters<Listener>[0]) => {
      if (!details.url.startsWith('https:')) return {};
      try {
        const decision = decideTlsInspection(await getSecurityInfo(details.requestId, { certificateChain: true }));
        if (decision) remember(byUrl, untagUrl(details.url), decision);
      } catch {
        // The request ended before we asked: nothing to record.
      }
      return {};
    }) as unknown as Listener,
    { urls: ['<all_urls>'], tabId: -1 },
    ['blocking'],
  );

  return {
    ...probes,
    async fetch(task, timeoutMs, hooks) {
      const observation = await probes.fetch(task, timeoutMs, hooks);
      // Keyed by URL because the observation carries no requestId; the final URL answered last.
      const url = observation.finalUrl ?? observation.url;
      const tls = byUrl.get(url);
      byUrl.delete(url);
      return tls ? { ...observation, tls } : observation;
    },
  };
}

function remember(map: Map<string, TlsInspection>, url: string, decision: TlsInspection): void {
  map.delete(url);
  map.set(url, decision);
  const oldest = map.keys().next();
  if (map.size > MAX_REMEMBERED && !oldest.done) map.delete(oldest.value);
}
