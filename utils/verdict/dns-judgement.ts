import type { DnsAnswer, FetchObservation } from '../probe/types';
import type { ChannelVerdict } from './types';
import { addressClass, blockPageAddressOwner, SINKHOLE_CLASSES } from './addresses';
import { hostOf } from './domains';

/** What the DNS facts of an observation add to its verdict; the rules, in order, are in docs/verdicts-on-real-networks.md. */
export interface DnsContext {
  /**
   * Addresses the control hosts were answered from in this run. A public name answered from one of
   * them went through the network's own gateway (an explicit proxy, or the lab), so that address says
   * nothing about the service's DNS.
   */
  pathAddresses?: readonly string[];
}

type Refined = Pick<ChannelVerdict, 'verdict' | 'reason' | 'mechanism'> & { detail: string };

/**
 * Refine a verdict with what DNS says (pure). DNS failure: public resolvers confirm a block, show a
 * name gone for everyone, or cannot be reached (unconfirmed). An address a request went to (or the
 * local answer after a connection failure) that no public name should have: a sinkhole — unless
 * the service answered with its own content from there (split-horizon DNS, an internal mirror), or
 * public resolvers give the very same address (the service's own configuration).
 */
export function withDns(base: ChannelVerdict, obs: FetchObservation, ctx: DnsContext = {}): ChannelVerdict {
  const refined = judge(base, obs, ctx);
  if (!refined) return base;
  const { detail, ...rest } = refined;
  const { mechanism: _drop, ...withoutMechanism } = base;
  return { ...withoutMechanism, ...rest, evidence: { ...base.evidence, detail } };
}

function judge(base: ChannelVerdict, obs: FetchObservation, ctx: DnsContext): Refined | undefined {
  const host = hostOf(obs.redirects.at(-1)?.to ?? obs.url) ?? obs.url;
  if (base.mechanism === 'dns' && obs.publicDns) return judgeDnsFailure(base, host, obs.publicDns);
  const local = obs.ip ?? (obs.localDns?.status === 'ok' ? obs.localDns.addresses[0] : undefined);
  if (!local || ctx.pathAddresses?.includes(local)) return undefined;
  // Where the browser really connected (an answer came back from there), or only what this machine's resolver says.
  const dialled = obs.ip !== undefined;
  const owner = blockPageAddressOwner(local);
  const cls = addressClass(local);
  if (!owner && !SINKHOLE_CLASSES.has(cls)) return undefined;
  const pub = obs.publicDns;
  const confirmation = publicWords(pub);
  if (owner || cls === 'unspecified') {
    return sinkhole(host, local, owner ?? 'the unspecified address, which leads nowhere', confirmation);
  }
  // The same private answer everywhere: the service's own configuration, judged like any host.
  if (pub?.status === 'ok' && pub.addresses.includes(local)) return undefined;
  if (base.verdict === 'reachable' || base.verdict === 'throttled') {
    return {
      verdict: base.verdict,
      reason: 'split-horizon',
      detail: `${host} resolved to ${local}, a ${cls} address, and the service answered with its own content from there: an internal mirror or split-horizon DNS, not a sinkhole.`,
    };
  }
  if (base.verdict !== 'blocked' || base.mechanism === 'policy' || base.mechanism === 'extension') return undefined;
  // Behind a gateway the browser may never have dialled the local answer (an explicit proxy resolves
  // names itself), and this network may answer every public name with an address of its own: the
  // local answer's class proves nothing until public resolvers contradict it (rule 6).
  if (!dialled && behindGateway(ctx) && !contradicts(pub, local)) return undefined;
  return sinkhole(host, local, `a ${cls} address`, confirmation);
}

/**
 * The control hosts (public names) were answered from a non-public address: the network's own
 * gateway — an explicit proxy, a gateway its DNS sends every name to, or the lab on this machine.
 */
function behindGateway(ctx: DnsContext): boolean {
  return (ctx.pathAddresses ?? []).some((a) => SINKHOLE_CLASSES.has(addressClass(a)));
}

/** Public resolvers say something else than the local answer: other addresses, or no such name. */
function contradicts(pub: DnsAnswer | undefined, local: string): boolean {
  return (pub?.status === 'ok' && pub.addresses.length > 0 && !pub.addresses.includes(local)) || pub?.status === 'nxdomain';
}

function sinkhole(host: string, local: string, what: string, confirmation: string): Refined {
  return {
    verdict: 'blocked',
    mechanism: 'dns',
    reason: 'dns-sinkhole',
    detail: `${host} resolved to ${local} (sinkhole: ${what}) and the service did not answer from there; ${confirmation}.`,
  };
}

function judgeDnsFailure(base: ChannelVerdict, host: string, pub: DnsAnswer): Refined {
  if (pub.status === 'ok') {
    return {
      verdict: 'blocked',
      mechanism: 'dns',
      reason: 'dns-confirmed',
      detail: `${host} does not resolve on this network, but public resolvers (${pub.source}) resolve it to ${pub.addresses.join(', ')}: this network's DNS hides it.`,
    };
  }
  if (pub.status === 'nxdomain') {
    return {
      verdict: 'inconclusive',
      reason: 'name-gone',
      detail: `${host} does not resolve here, nor at public resolvers (${pub.source}): the name does not exist — the service or our catalog entry has moved. Not a block.`,
    };
  }
  return {
    verdict: base.verdict,
    mechanism: 'dns',
    reason: 'dns-unconfirmed',
    detail: `${base.evidence.detail.replace(/\.$/, '')}; no public resolver could be reached to confirm it (${pub.error ?? 'no answer'}), so this DNS verdict is unconfirmed.`,
  };
}

function publicWords(pub: DnsAnswer | undefined): string {
  if (!pub) return 'public resolvers were not asked';
  if (pub.status === 'ok') return `public resolvers (${pub.source}) answer ${pub.addresses.join(', ')}: confirmed`;
  if (pub.status === 'nxdomain') return `public resolvers (${pub.source}) know no such name, so only this network's DNS answers it`;
  return 'no public resolver could be reached to compare (unconfirmed)';
}
