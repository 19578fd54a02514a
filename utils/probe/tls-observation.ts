/**
 * TLS observation: who owns the certificate chain of a response (TLS inspection by certificate
 * owner; docs/methodology.md: Microsoft's connectivity test names the "certificate owner"). Firefox gives extensions the certificate chain of a response
 * (`webRequest.getSecurityInfo`) and says whether its root is one of Firefox's built-in public web
 * authorities; a trusted chain that ends in a root that is *not* built in was installed on this
 * computer — in a company, by the inspection proxy's owner (Zscaler, Fortinet, an in-house CA).
 * Pure: decided from the recorded security info, so it is unit-tested on fixtures.
 */

/** What the report says about one HTTPS response. Absent on browsers that expose no certificates. */
export interface TlsInspection {
  /** True when the chain is trusted but its root is not a built-in public web authority. */
  inspected: boolean;
  /** Common name of the root (the certificate owner), e.g. "ACME Corp Inspection Root CA". */
  issuer?: string;
  /** Organisation of the root, when it names one. */
  organization?: string;
  /** Firefox's own answer: the root is one of its built-in authorities. */
  rootBuiltIn?: boolean;
}

/** The parts of Firefox's `SecurityInfo` the decision reads (recorded fixtures have this shape). */
export interface SecurityInfoLike {
  state: string;
  isUntrusted?: boolean;
  overridableErrorCategory?: string;
  certificates?: readonly { subject: string; issuer?: string; isBuiltInRoot?: boolean }[];
}

/**
 * Decide from one security info. `undefined` when there is nothing to judge (plain HTTP, a broken
 * handshake, no certificate). A chain the browser only accepted through a user's exception is not
 * called inspected: the user chose it, no administrator installed a root.
 */
export function decideTlsInspection(info: SecurityInfoLike): TlsInspection | undefined {
  if (info.state !== 'secure' && info.state !== 'weak') return undefined;
  const root = info.certificates?.at(-1);
  if (!root) return undefined;
  const names = parseDistinguishedName(root.subject);
  const rootBuiltIn = root.isBuiltInRoot === true;
  const trusted = !info.isUntrusted && !info.overridableErrorCategory;
  const issuer = names.CN ?? names.O ?? (root.subject || undefined);
  return {
    inspected: trusted && !rootBuiltIn,
    ...(issuer ? { issuer } : {}),
    ...(names.O ? { organization: names.O } : {}),
    rootBuiltIn,
  };
}

/**
 * `CN=ACME Corp Inspection Root CA,O=ACME Corp` → `{ CN, O }` (first value of each attribute).
 * Handles RFC 4514 escapes (`\,`) and quoted values, which real CA names use ("Zscaler Inc.").
 */
export function parseDistinguishedName(dn: string): Record<string, string> {
  const out: Record<string, string> = {};
  let key = '';
  let value = '';
  let inKey = true;
  let quoted = false;
  const flush = () => {
    const k = key.trim().toUpperCase();
    if (k && !(k in out)) out[k] = value.trim();
    key = '';
    value = '';
    inKey = true;
  };
  for (let i = 0; i < dn.length; i++) {
    const c = dn.charAt(i);
    if (c === '\\' && i + 1 < dn.length) {
      if (inKey) key += dn[++i];
      else value += dn[++i];
    } else if (c === '"' && !inKey) quoted = !quoted;
    else if (c === '=' && inKey) inKey = false;
    else if ((c === ',' || c === '+' || c === ';') && !quoted) flush();
    else if (inKey) key += c;
    else value += c;
  }
  flush();
  return out;
}
