import type { Channel, Population } from '../catalog/types';
import type { Mechanism, Restriction, Verdict } from '../verdict/types';
import type { IceServer } from '../catalog/ice-url';
import type { AuditRecord } from '../audit/types';
import type { MessageKey, Translate } from './translate';

// Message names allow only [A-Za-z0-9_@] (Chrome), so `block-page` becomes `block_page`.
const keyOf = (prefix: string, value: string) => `${prefix}_${value.replaceAll('-', '_')}` as MessageKey;

/** "Blocked" / "Bloqué". */
export const verdictLabel = (t: Translate, verdict: Verdict) => t(keyOf('verdict', verdict));
/** "Proxy deny rule" / "Règle de refus du proxy". */
export const mechanismLabel = (t: Translate, mechanism: Mechanism) => t(keyOf('mechanism', mechanism));
/** "Page" / "Media" / "Realtime". */
export const channelLabel = (t: Translate, channel: Channel) => t(keyOf('channel', channel));
/** "Complete" / "Terminé". */
export const statusLabel = (t: Translate, status: AuditRecord['status']) => t(keyOf('status', status));
/** "France" / "United States" / "World". */
export const populationLabel = (t: Translate, population: Population) => t(keyOf('populationName', population));

/** A catalog category in words; a custom catalog's own category is shown as written. */
export function categoryLabel(i18n: { t: Translate; has(key: string): boolean }, category: string): string {
  const key = keyOf('category', category);
  return i18n.has(key) ? i18n.t(key) : category;
}

/** The message key of a classifier reason (`dns-nxdomain` → `reason_dns_nxdomain`). */
export const reasonKey = (reason: string) => keyOf('reason', reason);

/**
 * One sentence explaining the rule that decided a channel, in the page's language; undefined
 * for a reason this version has no words for (a newer report): the rule key is shown instead.
 */
export function reasonText(i18n: { t: Translate; has(key: string): boolean }, reason: string): string | undefined {
  const key = reasonKey(reason);
  return i18n.has(key) ? i18n.t(key) : undefined;
}

/**
 * What the call probe sent, and where: "TURN Allocate and STUN Binding requests to
 * worldaz.tr.teams.microsoft.com, port 3478, over UDP" (which requests: iceRequests).
 */
export function callTriedText(t: Translate, s: IceServer): string {
  const requests = s.protocol === 'STUN' ? 'call_requests_stun' : s.transport === 'UDP' ? 'call_requests_turn_udp' : 'call_requests_turn';
  return t('call_tried_value', t(requests), s.host, String(s.port), s.transport);
}

/** "YouTube Restricted Mode (strict), enforced by DNS: www.youtube.com resolved to 216.239.38.120 (…)". */
export function restrictionText(t: Translate, r: Restriction): string {
  const level = r.level ? ` (${t(keyOf('restriction_level', r.level))})` : '';
  return `${t(keyOf('restriction', r.service))}${level}, ${t(keyOf('restriction_via', r.via))}: ${r.seen}`;
}
