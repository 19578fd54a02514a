import type { EvidenceSource, RequestObservation } from '../probe/types';
import type { ChannelVerdict, FingerprintMatch, Mechanism, Verdict } from './types';
import { classifyNetError } from './net-errors';
import { viewOf } from './response-view';
import { hostOf, isSameSite } from './domains';
import { detectProxyResponse } from './proxy-response';
import { matchFalsePositive } from './false-positives';
import { matchVendorFingerprint } from './fingerprints';
import { matchGenericBlockPage } from './generic-block-page';
import { proxySignInOf } from './proxy-auth';
import { matchFieldGuard } from './field-fingerprints';

/** Evidence of one observation, every field set (undefined when not applicable). */
export function evidenceOf(obs: EvidenceSource, detail: string, fingerprint?: FingerprintMatch): ChannelVerdict['evidence'] {
  return {
    url: obs.url,
    netError: obs.netError,
    status: obs.status,
    finalHost: hostOf(obs.finalUrl) ?? hostOf(obs.redirects.at(-1)?.to),
    redirects: obs.redirects,
    fingerprint,
    ...(obs.tls ? { tls: obs.tls } : {}),
    timings: obs.timings,
    detail,
  };
}

/**
 * Classify one fetch (or navigation) observation on its own, applying the rules in
 * order: block-page redirect, our own timeout, network error, no response, proxy
 * response, known false positive, vendor fingerprint, generic block page, then the
 * ways a service answers for itself (redirects, its own errors, success).
 */
export function classifyObservation(obs: RequestObservation, serviceDomains: readonly string[] = []): ChannelVerdict {
  const view = viewOf(obs);
  const requestHost = hostOf(obs.url) ?? '';
  const finalHost = hostOf(view.urls.at(-1)) ?? requestHost;
  const foreign = !isSameSite(requestHost, finalHost, serviceDomains);
  const verdict = (v: Verdict, reason: string, detail: string, mechanism?: Mechanism, fp?: FingerprintMatch) => ({
    channel: obs.channel,
    verdict: v,
    reason,
    evidence: evidenceOf(obs, detail, fp),
    ...(mechanism ? { mechanism } : {}),
  });

  // A proxy that wants credentials has not forwarded anything: nothing is known of the service.
  const signIn = proxySignInOf(obs);
  if (signIn) {
    return verdict('inconclusive', 'proxy-auth-required', `A proxy asked for credentials before forwarding the request (${signIn}): proxy sign-in needed, nothing is known of ${requestHost} yet.`);
  }

  // A redirect to a known block-page host decides even when that page then failed to load.
  if (obs.status === undefined && view.urls.length > 0) {
    const fp = matchVendorFingerprint(view);
    if (fp) return verdict('blocked', 'block-page-vendor', `The request was redirected to a ${fp.vendor} block page (${fp.matched}).`, 'block-page', fp);
  }

  // A chain that comes back to a URL it already left is a loop, even when our timer cut it short
  // before the browser's own limit (ERR_TOO_MANY_REDIRECTS): the service's fault, not a block.
  if (obs.status === undefined && loopsBack(obs.redirects)) {
    return verdict('inconclusive', 'redirect-loop', `The service redirects in a loop (${obs.redirects.length} redirects, back to ${obs.redirects.at(-1)?.to}): its own fault, not a block.`);
  }

  // Our own timer, not the error string, proves a timeout: the browser then reports
  // ERR_ABORTED or nothing at all (docs/what-the-browser-sees.md: silent plain-HTTP connection).
  if (obs.timedOut) {
    // Silence proves a block only if the path worked meanwhile: a control request sent at the
    // same time stalled too, or the browser never even sent ours (docs/scale.md).
    if (obs.status === undefined && (obs.notSent || obs.controlStalledMs !== undefined)) {
      const why = obs.notSent
        ? `the browser had not even sent the request within our ${obs.timeoutMs} ms timer`
        : `a control request sent meanwhile went unanswered for ${obs.controlStalledMs} ms too`;
      return verdict('inconclusive', 'saturated', `Nothing answered, but ${why}: the browser or the network was saturated, so this silence says nothing about the service.`);
    }
    if (obs.status !== undefined) {
      return verdict('throttled', 'slow-body-timeout', `The service answered HTTP ${obs.status} but the body did not finish within our ${obs.timeoutMs} ms timer: degraded, not blocked.`);
    }
    return verdict('blocked', 'timeout-probe-timer', `Nothing answered within our ${obs.timeoutMs} ms timer: packets were silently dropped, not refused.`, 'timeout');
  }

  if (obs.netError) {
    const c = classifyNetError(obs.netError);
    if (c.outcome === 'blocked' && foreign && c.mechanism !== 'extension') {
      return verdict('inconclusive', 'foreign-redirect-failed', `The service redirected to ${finalHost}, which then failed (${c.mechanism}: ${c.detail}, ${obs.netError}); another site's failure says nothing certain about the service.`);
    }
    // After redirects, the hop that failed is named: its mechanism is what blocked the service.
    const hop = obs.redirects.length > 0 && c.reason !== 'redirect-loop' ? hostOf(obs.redirects.at(-1)?.to) : undefined;
    const where = hop ? `After ${obs.redirects.length} redirect${obs.redirects.length > 1 ? 's' : ''}, the request to ${hop} failed: ` : '';
    return verdict(c.outcome, c.reason, `${where}${where ? c.detail : capitalize(c.detail)} (${obs.netError}).`, c.mechanism);
  }

  if (obs.status === undefined) {
    return verdict('inconclusive', 'no-response', `No response and no browser error were recorded${obs.jsError ? ` (${obs.jsError})` : ''}.`);
  }

  const proxy = detectProxyResponse(view);
  if (proxy) {
    const code = proxy.squidError ? `, squid error ${proxy.squidError}` : '';
    return verdict('blocked', proxy.reason, `A proxy answered HTTP ${obs.status} instead of the service (${proxy.marker}${code}).`, 'proxy', matchVendorFingerprint(view));
  }

  const falsePositive = matchFalsePositive(view);
  if (falsePositive) {
    return verdict('reachable', falsePositive.id, `The service answered HTTP ${obs.status} with ${falsePositive.description}, which is not a block page.`);
  }

  const vendorPage = matchVendorFingerprint(view);
  // OONI's false-positive scope guards the vaguer rules below, not a product's own signals.
  const ordinary = vendorPage ? undefined : matchFieldGuard(view);
  if (ordinary) {
    return verdict('reachable', 'field-false-positive', `The service answered HTTP ${obs.status} with a page OONI lists as a known false positive (${ordinary.matched}), which is not a block page.`);
  }
  const fp = vendorPage ?? matchGenericBlockPage(view, requestHost, serviceDomains);
  if (fp) {
    // `block-page-field`: a block page OONI has seen in the field, from a product we cannot name.
    const reason: 'block-page-generic' | 'block-page-field' | 'block-page-vendor' =
      fp.id === 'generic' ? 'block-page-generic' : fp.vendor === 'unknown' ? 'block-page-field' : 'block-page-vendor';
    const who = fp.vendor === 'unknown' ? 'an unidentified filter' : fp.vendor;
    return verdict('blocked', reason, `The response is a block page from ${who} (${fp.matched}).`, 'block-page', fp);
  }

  if (foreign) {
    return verdict('reachable', 'redirect-foreign-host', `The service redirected to the foreign host ${finalHost} (HTTP ${obs.status}), which does not look like a block page.`);
  }
  if (obs.status === 403) {
    return verdict('reachable', 'service-denied', `The service itself answered HTTP 403 with no proxy markers, so it is reachable.`);
  }
  if (obs.status >= 500) {
    return verdict('reachable', 'service-error', `The service itself answered HTTP ${obs.status} with no proxy markers: it is reachable but failing.`);
  }
  if (obs.status >= 400) {
    return verdict('reachable', 'service-http-error', `The service itself answered HTTP ${obs.status}, so it is reachable.`);
  }
  if (movedWithinSite(obs)) {
    return verdict('reachable', 'redirect-same-site', `The service redirected to its own ${view.urls.at(-1)} (login or consent page), which is not a block.`);
  }
  return verdict('reachable', 'http-ok', `The service answered HTTP ${obs.status}.`);
}

/** True when a redirect leads back to a URL the chain already left. */
function loopsBack(redirects: RequestObservation['redirects']): boolean {
  const left = new Set<string>();
  for (const hop of redirects) {
    left.add(hop.from);
    if (left.has(hop.to)) return true;
  }
  return false;
}

/** True when the final URL differs from the request by more than an http→https upgrade. */
function movedWithinSite(obs: RequestObservation): boolean {
  const last = obs.finalUrl ?? obs.redirects.at(-1)?.to;
  if (!last) return false;
  try {
    const a = new URL(obs.url);
    const b = new URL(last);
    return a.hostname !== b.hostname || a.pathname !== b.pathname;
  } catch {
    return false;
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
