import type { TlsInspection } from '../probe/tls-observation';

/**
 * What the verdict layer makes of a TLS observation (`probe/tls-observation.ts`): whether the
 * browser could check at all, and the evidence sentence naming who decrypts a connection.
 */

/** Whether this browser can check TLS inspection at all (only Firefox exposes certificates). */
export type TlsInspectionCheck = 'available' | 'unavailable';

/**
 * For reports and the UI: on Chrome/Edge the check is `unavailable` — never "not inspected",
 * since Chrome shows extensions no certificates and an inspected connection looks normal there.
 */
export function tlsInspectionCheck(browserName: string): TlsInspectionCheck {
  return browserName === 'Firefox' ? 'available' : 'unavailable';
}

/** Half a sentence for evidence: who decrypts this connection. */
export function describeInspection(tls: TlsInspection): string {
  const owner = tls.organization && tls.issuer && !tls.issuer.includes(tls.organization) ? `${tls.issuer} (${tls.organization})` : tls.issuer ?? 'an unnamed root';
  return `the connection is TLS-inspected: its certificate chain ends in "${owner}", a root installed on this computer, not a public web authority`;
}

/**
 * A reachable channel whose connection is inspected stays reachable (the service answers), but its
 * evidence sentence says who decrypts it. Blocked or inconclusive verdicts are left as they are.
 */
export function noteInspection<T extends { verdict: string; evidence: { tls?: TlsInspection; detail: string } }>(v: T): T {
  if (!v.evidence.tls?.inspected || (v.verdict !== 'reachable' && v.verdict !== 'throttled')) return v;
  return { ...v, evidence: { ...v.evidence, detail: `${v.evidence.detail.replace(/\.$/, '')}; ${describeInspection(v.evidence.tls)}.` } };
}
