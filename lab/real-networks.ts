import { createHash } from 'node:crypto';
import { DOH_RESOLVERS } from '../utils/probe/doh';
import type { LabAnswer } from './pages';
import type { HostPlan } from './scenario';
import type { Scenario } from './types';

/**
 * The lab's real-network cases (docs/verdicts-on-real-networks.md): a guest Wi-Fi portal, a proxy
 * that wants credentials, DNS sinkholes, split-horizon DNS, a name gone for everyone, redirect loops
 * and a redirect whose target is reset — plus the stand-in for public DNS-over-HTTPS resolvers.
 */

/** Where the guest Wi-Fi portal sends every request. */
export const SIGN_IN_PORTAL_HOST = 'portal.guest-wifi.example';

/** The same-site host a `redirect-reset` host redirects to; its connections are reset. */
export const redirectHop = (host: string) => `hop.${host}`;

/**
 * Loopback addresses standing for addresses a public name should not have: the lab can only serve
 * from its own machine (never from real addresses, which this sandbox answers itself). The control
 * hosts answer from 127.0.0.1, which the product therefore treats as the network's gateway; these
 * others are what a sinkholing or split-horizon DNS would answer.
 */
export const SINKHOLE_BLOCKPAGE_ADDRESS = '127.0.0.2';
export const SPLIT_HORIZON_ADDRESS = '127.0.0.3';

/** Kinds whose name public resolvers know at another (public) address than this network's DNS gives. */
const PUBLICLY_ELSEWHERE = new Set(['dns', 'sinkhole-zero', 'sinkhole-blockpage', 'split-horizon']);

/** Adds the lab-owned hosts the scenario needs and applies a network-wide sign-in. */
export function addRealNetworkHosts(plan: Map<string, HostPlan>, scenario: Scenario): void {
  for (const [host, p] of [...plan]) {
    if (p.treatment.kind === 'redirect-reset') plan.set(redirectHop(host), { treatment: { kind: 'tcp-reset' }, name: p.name, owner: p.owner });
  }
  for (const resolver of DOH_RESOLVERS) plan.set(resolver.host, { treatment: { kind: 'doh' }, name: 'Public DNS (lab)', owner: 'lab' });
  if (scenario.signIn === 'proxy-auth') {
    // Everything through squid, which wants credentials; a browser policy stays a local fact.
    for (const [host, p] of plan) if (p.treatment.kind !== 'policy') plan.set(host, { ...p, treatment: { kind: 'proxy-auth' } });
  }
  if (scenario.signIn === 'guest-wifi') {
    for (const [host, p] of plan) if (p.treatment.kind !== 'policy') plan.set(host, { ...p, treatment: { kind: 'ok' } });
    plan.set(SIGN_IN_PORTAL_HOST, { treatment: { kind: 'portal' }, name: 'Guest Wi-Fi', owner: 'lab' });
  }
}

/** Resolver rules for the real-network kinds that need one (see resolver-rules.ts). */
export function realNetworkRule(host: string, kind: string, bound: Map<string, string>): string | undefined {
  if (bound.has(host)) return `MAP ${host} ${bound.get(host)}`;
  // Chromium connects to this machine and is refused (docs/what-the-browser-sees.md): what a 0.0.0.0 sinkhole does.
  if (kind === 'sinkhole-zero') return `MAP ${host} 0.0.0.0`;
  if (kind === 'gone') return `MAP ${host} ~NOTFOUND`;
  return undefined;
}

/** The answer of a lab-owned real-network host, or undefined for the usual treatment. */
export function realNetworkAnswer(plan: Map<string, HostPlan>, host: string, path: string, scheme: string): LabAnswer | undefined {
  const kind = plan.get(host)?.treatment.kind;
  if (plan.has(SIGN_IN_PORTAL_HOST) && kind !== 'portal' && kind !== 'policy') {
    const location = `https://${SIGN_IN_PORTAL_HOST}/login?orig=${encodeURIComponent(`${scheme}://${host}${path}`)}`;
    return { status: 302, headers: { location, 'content-type': 'text/html' }, body: `<a href="${location}">Sign in</a>` };
  }
  if (kind === 'portal') {
    const body = `<!doctype html><html><head><title>Guest Wi-Fi · Sign in</title></head><body><h1>Welcome</h1><form method="post" action="https://${SIGN_IN_PORTAL_HOST}/login"><label>Room number <input name="room"></label><label><input type="checkbox" name="terms"> I accept the terms of use</label><button>Connect</button></form></body></html>`;
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
  }
  if (kind === 'redirect-loop') return { status: 302, headers: { location: `${scheme}://${host}${path}` }, body: '' };
  if (kind === 'redirect-reset') return { status: 302, headers: { location: `https://${redirectHop(host)}/` }, body: '' };
  if (kind === 'sinkhole-blockpage') {
    const body = '<!doctype html><html><head><title>Site blocked</title></head><body><h1>This site is blocked</h1><p>Access to this domain was blocked by your network’s DNS filter.</p></body></html>';
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
  }
  if (kind === 'doh') return dohAnswer(plan, path);
  return undefined;
}

/**
 * The public resolvers' view (their JSON API): a name the lab gives another address locally resolves
 * publicly to a documentation address (RFC 5737 TEST-NET-3, never dialled); a `gone` or unknown name
 * does not exist; every other lab name resolves where the lab serves it (127.0.0.1, or its `publicAddress`),
 * everywhere, which is true in the lab.
 */
function dohAnswer(plan: Map<string, HostPlan>, path: string): LabAnswer {
  const name = (new URL(path, 'https://doh.lab').searchParams.get('name') ?? '').replace(/\.$/, '').toLowerCase();
  const kind = plan.get(name)?.treatment.kind;
  const sameEverywhere = plan.get(name)?.publicAddress ?? '127.0.0.1';
  const json = (body: unknown): LabAnswer => ({ status: 200, headers: { 'content-type': 'application/dns-json' }, body: JSON.stringify(body) });
  if (!kind || kind === 'gone') return json({ Status: 3, Question: [{ name, type: 1 }] });
  const address = PUBLICLY_ELSEWHERE.has(kind) ? `203.0.113.${1 + (createHash('sha256').update(name).digest()[0]! % 254)}` : sameEverywhere;
  return json({ Status: 0, Question: [{ name, type: 1 }], Answer: [{ name: `${name}.`, type: 1, TTL: 300, data: address }] });
}
