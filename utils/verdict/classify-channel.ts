import type { Channel } from '../catalog/types';
import type { EvidenceSource, FetchObservation, NavigationObservation, Observation, ObservationOf, ThroughputProbeObservation, WebSocketObservation } from '../probe/types';
import type { ChannelVerdict, Verdict } from './types';
import { classifyNetError, isBlockedByAdministrator, isBlockedByClient } from './net-errors';
import { classifyObservation, evidenceOf } from './classify-observation';
import { proxySignInOf } from './proxy-auth';
import { withDns, type DnsContext } from './dns-judgement';
import { hostOf } from './domains';
import { noteInspection } from './tls-inspection';
import { withRestriction } from './restricted-mode';
import { decideThrottle, withThroughput } from './throughput';
import { classifyCall, withCall } from './webrtc-call';

const CONTROL_FAILED = 'No control host answered in this run, so no failure can be attributed to filtering.';
const SIGN_IN_REQUIRED =
  'The network answered the control hosts in their place (a sign-in portal, or a proxy asking for credentials): sign in to the network (or the proxy), then run the audit again.';

/** What the classifier needs besides the observations. */
export interface ChannelContext {
  /** Whether the run's connectivity control succeeded (see `classifyControl`). */
  controlOk: boolean;
  /** The control was answered by a sign-in portal or a proxy asking for credentials (`ControlResult.signIn`). */
  signIn?: boolean;
  /** The service's declared registrable domains (catalog `domains`). */
  serviceDomains?: readonly string[];
  /** Channel to report when `observations` is empty. */
  channel?: Channel;
  /** The throughput control's observation in this run (compared with a media host's throughput). */
  throughputControl?: ThroughputProbeObservation;
  /** Whether any STUN/TURN server (the call control or a catalog one) answered in this run. */
  callControlOk?: boolean;
  /** Addresses the control hosts were answered from (`pathAddressesOf`): the network's gateway, not DNS evidence. */
  pathAddresses?: readonly string[];
}

/**
 * Decide one channel of one service from its observations. Throughput (`media`) and
 * WebRTC call (`realtime`) observations refine the verdict of the other probes: see
 * `withThroughput` and `withCall`. Pure: same input, same verdict.
 */
export function classifyChannel(observations: readonly Observation[], ctx: ChannelContext): ChannelVerdict {
  const throughput = observations.find((o) => o.kind === 'throughput');
  const callObs = observations.find((o) => o.kind === 'webrtc');
  const requests = observations.filter((o) => o.kind === 'fetch' || o.kind === 'websocket' || o.kind === 'navigation');
  if (callObs && requests.length === 0) {
    // A call server alone decides the channel, once the run's control says anything can be judged.
    if (!ctx.controlOk) return { channel: callObs.channel, verdict: 'inconclusive', ...controlFailure(ctx), evidence: evidenceOf(callObs, controlFailure(ctx).detail) };
    return withCall(undefined, callObs, classifyCall(callObs, ctx.callControlOk ?? false));
  }
  let verdict = classifyProbes(requests, ctx);
  if (!ctx.controlOk) return verdict;
  if (throughput) verdict = withThroughput(verdict, decideThrottle(throughput, ctx.throughputControl));
  if (callObs) verdict = withCall(verdict, callObs, classifyCall(callObs, ctx.callControlOk ?? false));
  return verdict;
}

/**
 * The verdict of the request-level probes: a `fetch` (main probe), optionally a
 * `navigation` (browser-policy check), and for realtime a `websocket` plus a follow-up
 * `fetch` to the same host.
 */
function classifyProbes(observations: readonly ObservationOf<'fetch' | 'websocket' | 'navigation'>[], ctx: ChannelContext): ChannelVerdict {
  const channel = observations[0]?.channel ?? ctx.channel ?? 'page';
  const navigation = observations.find((o) => o.kind === 'navigation');
  const websocket = observations.find((o) => o.kind === 'websocket');
  const fetches = observations.filter((o) => o.kind === 'fetch');
  const primary = websocket ?? fetches[0] ?? navigation;
  if (!primary) {
    return {
      channel,
      verdict: 'inconclusive',
      reason: 'no-observation',
      evidence: { url: '', timings: { totalMs: 0 }, detail: 'The channel was not probed.' },
    };
  }

  // Without any working network, a failure may be the whole network: OONI's "expected failure"
  // lesson — never call anything blocked then, not even by policy (a dead network is the story).
  if (!ctx.controlOk && !ctx.signIn) return inconclusive(primary, 'control-failed', CONTROL_FAILED);

  // Browser policy (URLBlocklist) blocks navigations only: the fetch may well get 200. It is a
  // local fact about this browser, so it stands behind a sign-in portal too.
  if (navigation && isBlockedByAdministrator(navigation.netError)) {
    return {
      channel,
      verdict: 'blocked',
      mechanism: 'policy',
      reason: 'policy-blocked',
      evidence: evidenceOf(navigation, `A browser policy set by the administrator blocks navigating to ${navigation.url} (${navigation.netError}).`),
    };
  }

  // Behind a sign-in portal every answer is the portal's: a success proves nothing either.
  if (!ctx.controlOk) return inconclusive(primary, 'sign-in-required', SIGN_IN_REQUIRED);

  // Proxy sign-in needed on any request of the channel: never let another probe call it blocked.
  const signIn = [websocket, ...fetches].find((o) => o !== undefined && proxySignInOf(o) !== undefined);
  if (signIn) return classifyObservation(signIn, ctx.serviceDomains ?? []);

  const domains = ctx.serviceDomains ?? [];
  if (websocket) {
    const host = hostOf(websocket.url);
    return classifyWebSocket(websocket, fetches.find((f) => host !== undefined && hostOf(f.url) === host), domains, ctx);
  }
  if (fetches.length > 0) {
    const network = withRestriction(noteInspection(pickBest(fetches.map((f) => withDns(classifyObservation(f, domains), f, ctx)))), fetches);
    return navigation?.timedOut ? unlessPolicyUnchecked(network, navigation) : network;
  }

  // Navigation only. ERR_BLOCKED_BY_CLIENT is expected there: the probe engine blocks its
  // own navigation with a declarativeNetRequest rule so it never reaches the network, or sends
  // it on to the next URL it checks (`passedOnTo`).
  if (navigation && (isBlockedByClient(navigation.netError) || navigation.passedOnTo !== undefined)) {
    return inconclusive(navigation, 'policy-not-blocked', 'No browser policy blocks this URL, but no fetch probe tested the network.');
  }
  return classifyObservation(primary, domains);
}

/**
 * A WebSocket that fails shows only close code 1006 (docs/what-the-browser-sees.md), whatever the
 * cause, so the follow-up HTTPS probe of the same host supplies the mechanism. If that
 * host answers, the server may simply refuse handshakes from outside its app: never
 * claim blocked then.
 */
function classifyWebSocket(ws: WebSocketObservation, followUp: FetchObservation | undefined, domains: readonly string[], ctx: DnsContext): ChannelVerdict {
  if (ws.ws.opened) {
    return { channel: ws.channel, verdict: 'reachable', reason: 'ws-open', evidence: evidenceOf(ws, `The WebSocket ${ws.url} opened.`) };
  }
  const failure = ws.timedOut
    ? `The WebSocket ${ws.url} did not open within our ${ws.timeoutMs} ms timer`
    : `The WebSocket ${ws.url} closed with code ${ws.ws.closeCode ?? 'unknown'} before opening`;
  if (ws.netError) {
    const c = classifyNetError(ws.netError);
    if (c.outcome === 'blocked') {
      return { channel: ws.channel, verdict: 'blocked', mechanism: c.mechanism, reason: c.reason, evidence: evidenceOf(ws, `${failure}: ${c.detail} (${ws.netError}).`) };
    }
  }
  if (!followUp) return inconclusive(ws, 'ws-failed-no-followup', `${failure}, and no HTTPS probe of the same host tells why.`);

  const host = withDns(classifyObservation(followUp, domains), followUp, ctx);
  // Lower-case the quoted sentence so the composed detail stays one sentence.
  const said = host.evidence.detail.replace(/\.$/, '').replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
  if (host.verdict === 'blocked') {
    return { ...host, channel: ws.channel, evidence: { ...host.evidence, detail: `${failure}; the same host over HTTPS says: ${said}.` } };
  }
  if (host.verdict === 'reachable' || host.verdict === 'throttled') {
    return inconclusive(ws, 'ws-failed-host-reachable', `${failure}, but the host answers over HTTPS (${said}); the server may refuse handshakes from outside its app.`);
  }
  return inconclusive(ws, host.reason, `${failure}, and the HTTPS probe of the same host was inconclusive too (${said}).`);
}

/** Why nothing can be judged without a working control: offline, or sign-in required. */
function controlFailure(ctx: ChannelContext): { reason: 'control-failed' | 'sign-in-required'; detail: string } {
  return ctx.signIn ? { reason: 'sign-in-required', detail: SIGN_IN_REQUIRED } : { reason: 'control-failed', detail: CONTROL_FAILED };
}

/** "Any endpoint of the set works ⇒ reachable" (OONI IM tests): best verdict wins. */
const PREFERENCE: readonly Verdict[] = ['reachable', 'throttled', 'partial', 'blocked', 'inconclusive'];

function pickBest(verdicts: ChannelVerdict[]): ChannelVerdict {
  return verdicts.reduce((best, v) => (PREFERENCE.indexOf(v.verdict) < PREFERENCE.indexOf(best.verdict) ? v : best));
}

/**
 * Browser policy (Chrome's URLBlocklist, Firefox's WebsiteFilter) stops navigations, never
 * `fetch`, so a fetch that got through says nothing about it. When the navigation check did
 * not finish (a busy machine: its frames never reported), a network that let us through is
 * not "reachable" for the employee, whose browser may still refuse the page: inconclusive.
 * A network block stands: it is true whatever the policy says.
 */
function unlessPolicyUnchecked(network: ChannelVerdict, navigation: NavigationObservation): ChannelVerdict {
  if (network.verdict === 'blocked' || network.verdict === 'inconclusive') return network;
  return {
    channel: network.channel,
    verdict: 'inconclusive',
    reason: 'policy-unchecked',
    evidence: {
      ...network.evidence,
      detail: `${network.evidence.detail.replace(/\.$/, '')}; but the browser-policy check of ${navigation.url} got no answer within ${navigation.timeoutMs} ms, so a policy set by the administrator may still block the page: run the audit again when the computer is less busy.`,
    },
  };
}

function inconclusive(obs: EvidenceSource, reason: string, detail: string): ChannelVerdict {
  return { channel: obs.channel, verdict: 'inconclusive', reason, evidence: evidenceOf(obs, detail) };
}
