// The module object (not named imports), so a test can observe the comparisons.
import crypto from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Who may do what (docs/collector-security.md). Values are whole `Authorization`
 * header values (`Bearer …`, `Basic …`), as the policy's `uploadAuthorization` holds.
 */
export interface Credentials {
  /** May upload reports for any site. Every managed browser holds one: it never reads. */
  upload: string[];
  /** May upload reports for one site only (site label → credential). */
  uploadBySite: Record<string, string>;
  /** May read aggregates (IT's fleet page). Never given to browsers by policy. */
  read: string[];
}

export const noCredentials = (): Credentials => ({ upload: [], uploadBySite: {}, read: [] });

/** One-shot SHA-256 (`crypto.hash`): a hash object per upload cost several times more (profile, docs/collector.md). */
const digest = (value: string) => crypto.hash('sha256', value, 'buffer');
/** Configured secrets' digests, computed once: every upload is compared with every secret. */
const secretDigests = new Map<string, Buffer>();
const secretDigest = (secret: string) => {
  let d = secretDigests.get(secret);
  if (!d) secretDigests.set(secret, (d = digest(secret)));
  return d;
};

/**
 * Whether `header` is one of `secrets`, in time independent of where they differ:
 * both sides are hashed to 32 bytes (so lengths never leak either) and every
 * secret is compared, with no early exit on a match.
 */
export function matchSecret(header: string | undefined, secrets: readonly string[]): number {
  // No secret configured of this kind: nothing to compare, and nothing secret to time.
  if (!secrets.length) return -1;
  const presented = digest(header ?? '');
  let found = -1;
  secrets.forEach((secret, i) => {
    if (crypto.timingSafeEqual(presented, secretDigest(secret)) && header !== undefined) found = i;
  });
  return found;
}

export type Role = { kind: 'upload'; site?: string } | { kind: 'read' } | { kind: 'open' } | { kind: 'none' };

/** The role an `Authorization` header grants for an upload (`kind: 'open'` when uploads need no credential). */
export function uploadRole(credentials: Credentials, header: string | undefined): Role {
  const bySite = Object.entries(credentials.uploadBySite);
  if (!credentials.upload.length && !bySite.length) return { kind: 'open' };
  if (matchSecret(header, credentials.upload) >= 0) return { kind: 'upload' };
  const i = matchSecret(header, bySite.map(([, secret]) => secret));
  return i >= 0 ? { kind: 'upload', site: bySite[i]![0] } : { kind: 'none' };
}

/** The role for a read: only a read credential, never an upload one. */
export function readRole(credentials: Credentials, header: string | undefined): Role {
  if (!credentials.read.length) return { kind: 'open' };
  return matchSecret(header, credentials.read) >= 0 ? { kind: 'read' } : { kind: 'none' };
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Closed by default: on anything but loopback, uploads and reads both need a
 * credential. Returns the refusal to print, or undefined when listening is fine.
 */
export function listenRefusal(host: string, credentials: Credentials): string | undefined {
  if (isLoopback(host)) return undefined;
  const missing = [
    ...(credentials.upload.length || Object.keys(credentials.uploadBySite).length ? [] : ['upload (ACCESS_GAP_UPLOAD_AUTH)']),
    ...(credentials.read.length ? [] : ['read (ACCESS_GAP_READ_AUTH)']),
  ];
  return missing.length ? `refusing to listen on ${host} without ${missing.join(' and ')} credentials: anyone on the network could ${missing.length === 2 ? 'upload and read' : missing[0]!.startsWith('upload') ? 'upload' : 'read'}` : undefined;
}

/**
 * DNS rebinding: a web page on `evil.example` whose name later resolves to
 * 127.0.0.1 reaches a loopback collector with `Host: evil.example`. Only
 * `localhost`, IP literals (a rebinding needs a name) and names IT configured pass.
 */
export function hostAllowed(hostHeader: string | undefined, names: readonly string[]): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.toLowerCase().replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || isIP(name) !== 0 || names.some((n) => n.toLowerCase() === name);
}

/** An extension page or worker (its origins are configured); anything else sending an Origin is a web page. */
export const isExtensionOrigin = (origin: string) => /^(chrome-extension|moz-extension|safari-web-extension):\/\/[^/]+$/.test(origin);

/** Configured origins only, and only extension origins: a web page never gets CORS. */
export function checkOrigins(origins: readonly string[]): string | undefined {
  const bad = origins.find((o) => !isExtensionOrigin(o));
  return bad === undefined ? undefined : `origin ${JSON.stringify(bad)} is not an extension origin (chrome-extension://ID or moz-extension://UUID)`;
}
