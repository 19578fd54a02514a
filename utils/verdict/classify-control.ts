import type { ControlResult, FetchObservation } from '../probe/types';
import { CONTROL_CHECKS, type ControlCheck } from '../probe/control';
import { hostOf } from './domains';
import { proxySignInOf } from './proxy-auth';
import { detectProxyResponse } from './proxy-response';
import { viewOf } from './response-view';

/** How one control check went: the operator's answer, someone else's answer, or none. */
type CheckOutcome =
  | { kind: 'open' }
  | { kind: 'sign-in'; portalHost?: string; proxy?: boolean; why: string }
  | { kind: 'failed'; why: string };

/**
 * Decide the run's connectivity control (CONTROL_CHECKS). One check answered exactly as its
 * operator defines proves open access. Otherwise, a check answered by someone else (a redirect to
 * another host, a login form, a proxy's 407, another body) means the network wants a sign-in first:
 * the run is `signIn`, distinct from offline. If nothing answered, the network is down. A proxy's
 * deny proves only that the proxy works.
 */
export function classifyControl(observations: readonly FetchObservation[]): ControlResult {
  const list = [...observations];
  if (list.length === 0) return { ok: false, observations: list, reason: 'No control host was probed.' };
  const outcomes = list.map((o) => ({ host: hostOf(o.url) ?? o.url, outcome: judgeCheck(o) }));
  if (outcomes.some((c) => c.outcome.kind === 'open')) {
    // Where the defined answers came from: the network's own path (a proxy; the lab), decided now,
    // while the answers are whole (bodies are dropped from the store later).
    const path = [...new Set(list.flatMap((o) => (judgeCheck(o).kind === 'open' && o.ip ? [o.ip] : [])))];
    return { ok: true, observations: list, ...(path.length ? { pathAddresses: path } : {}) };
  }
  const signIn = outcomes.flatMap(({ host, outcome }) => (outcome.kind === 'sign-in' ? [{ host, outcome }] : []));
  const [firstSignIn] = signIn;
  if (firstSignIn) {
    const { portalHost, proxy } = signIn.find((c) => c.outcome.portalHost)?.outcome ?? firstSignIn.outcome;
    const why = signIn.map((c) => `${c.host} (${c.outcome.why})`).join(', ');
    return {
      ok: false,
      observations: list,
      signIn: { ...(portalHost ? { portalHost } : {}), ...(proxy ? { proxy } : {}) },
      reason: `Sign-in required: the control hosts were answered by someone else: ${why}.`,
    };
  }
  // No check was open here: every outcome says why.
  const failures = outcomes.map((c) => `${c.host} (${c.outcome.kind === 'open' ? 'open' : c.outcome.why})`);
  return { ok: false, observations: list, reason: `No control host answered: ${failures.join(', ')}.` };
}

/**
 * The addresses the control hosts' defined answers came from. Operators' check hosts are public
 * names, so an answer from a loopback or private address came through the network's own gateway
 * (an explicit proxy; the lab): requests answered from there are not DNS evidence.
 */
export function pathAddressesOf(control: ControlResult | undefined): string[] {
  return control?.ok ? [...(control.pathAddresses ?? [])] : [];
}

function judgeCheck(obs: FetchObservation): CheckOutcome {
  const proxyAuth = proxySignInOf(obs);
  if (proxyAuth) return { kind: 'sign-in', proxy: true, why: `a proxy asked for credentials: ${proxyAuth}` };
  if (obs.status === undefined) {
    if (obs.timedOut) return { kind: 'failed', why: `no answer within ${obs.timeoutMs} ms` };
    return { kind: 'failed', why: obs.netError ?? obs.jsError ?? 'no response' };
  }
  if (detectProxyResponse(viewOf(obs))) {
    const squid = obs.headers?.['x-squid-error'];
    return { kind: 'failed', why: `proxy answered HTTP ${obs.status}${squid ? ` ${squid}` : ''}` };
  }
  const requestHost = hostOf(obs.url);
  const finalHost = hostOf(obs.finalUrl) ?? hostOf(obs.redirects.at(-1)?.to) ?? requestHost;
  if (finalHost && finalHost !== requestHost) {
    return { kind: 'sign-in', portalHost: finalHost, why: `redirected to ${finalHost}` };
  }
  const check = CONTROL_CHECKS.find((c) => c.url === obs.url);
  // A URL we hold no definition for (an older stored audit): any non-proxy answer counts, as before.
  if (!check) return { kind: 'open' };
  const mismatch = answerMismatch(check, obs);
  if (!mismatch) return { kind: 'open' };
  return { kind: 'sign-in', ...(portalIn(obs) ? { portalHost: portalIn(obs) } : {}), why: mismatch };
}

/** How the answer differs from the operator's definition, or undefined when it matches. */
function answerMismatch(check: ControlCheck, obs: FetchObservation): string | undefined {
  if (obs.status !== check.status) return `HTTP ${obs.status} instead of ${check.status}${obs.title ? `, page "${obs.title}"` : ''}`;
  const body = (obs.bodySnippet ?? '').trim();
  const b = check.body;
  if ('empty' in b) return (obs.bodyBytes ?? 0) === 0 ? undefined : `${obs.bodyBytes} bytes where ${check.operator} sends none`;
  if ('exact' in b) return body === b.exact ? undefined : `another body than "${b.exact}"${obs.title ? ` (page "${obs.title}")` : ''}`;
  return body.includes(b.contains) ? undefined : `a page without "${b.contains}"${obs.title ? ` ("${obs.title}")` : ''}`;
}

/**
 * A login form answered in place names its portal only through where it sends the user: its form
 * action or a meta refresh to another host.
 */
function portalIn(obs: FetchObservation): string | undefined {
  const text = obs.bodySnippet ?? '';
  const target = /<form[^>]*\baction=["']?(https?:\/\/[^"'\s>]+)/i.exec(text)?.[1] ?? /<meta[^>]+http-equiv=["']?refresh[^>]*url=(https?:\/\/[^"'\s>]+)/i.exec(text)?.[1];
  const host = hostOf(target);
  return host && host !== hostOf(obs.url) ? host : undefined;
}
