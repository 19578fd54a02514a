import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FALSE_POSITIVES } from '../verdict/false-positives';
import { createI18n, LOCALES, reasonKey, reasonText, type Messages } from '.';

// Every reason key the classifier can emit, read from its source (utils/verdict), so a new
// rule without words in every locale fails here instead of showing its raw key to users.
const VERDICT_DIR = new URL('../verdict/', import.meta.url);
const sources = readdirSync(VERDICT_DIR)
  .filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('fixtures'))
  .map((f) => [f, readFileSync(new URL(f, VERDICT_DIR), 'utf8')] as const);
const read = (locale: string): Messages =>
  JSON.parse(readFileSync(new URL(`../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));

/** The places a channel reason is written in the classifier. */
const CHANNEL_REASON_PATTERNS = [
  // `reason: 'x'`, and union types `reason: 'a' | 'b'`
  /\breason\??:\s*((?:'[a-z0-9-]+'\s*\|?\s*)+)/g,
  // rule tables and helpers: blocked('dns', 'dns-nxdomain', …), rule(…), verdict('blocked', 'x', …), inconclusive(obs, 'x', …), finding('blocked', 'x', …)
  /\b(?:blocked|rule|verdict|finding|inconclusive)\((?:'[a-z-]+'|[\w.]+),\s*('[a-z0-9-]+')/g,
  // const reason = cond ? 'a' : 'b'
  /\breason\s*=[^;\n]*?\?\s*('[a-z0-9-]+')\s*:\s*('[a-z0-9-]+')/g,
];

function literals(text: string): string[] {
  return [...text.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]!);
}

function channelReasons(): Set<string> {
  const keys = new Set<string>(FALSE_POSITIVES.map((fp) => fp.id)); // a false positive's id is its reason
  for (const [file, src] of sources) {
    if (file === 'throughput.ts') {
      // Only the channel reason: `result(…)` there writes the throughput evidence's own reasons.
      for (const m of src.matchAll(/\breason:\s*'([a-z0-9-]+)'/g)) keys.add(m[1]!);
      continue;
    }
    for (const pattern of CHANNEL_REASON_PATTERNS) for (const m of src.matchAll(pattern)) for (const g of m.slice(1)) if (g) literals(g).forEach((k) => keys.add(k));
  }
  return keys;
}

/** `ThroughputEvidence.reason`: `result('throttled', 'below-control', …)` in throughput.ts. */
function throughputReasons(): Set<string> {
  const src = sources.find(([f]) => f === 'throughput.ts')![1];
  return new Set([...src.matchAll(/\bresult\('[a-z-]+',\s*'([a-z0-9-]+)'/g)].map((m) => m[1]!));
}

describe('classifier reason keys', () => {
  const reasons = channelReasons();

  it('are found in the classifier source (the scan sees every kind of rule)', () => {
    for (const known of ['dns-nxdomain', 'tls-cert-invalid', 'proxy-denied', 'proxy-upstream-error', 'block-page-generic', 'cloudflare-challenge',
      'ws-failed-host-reachable', 'control-failed', 'throughput-below-control', 'call-silent', 'call-unsupported', 'unknown-error', 'offline', 'aborted']) {
      expect(reasons, known).toContain(known);
    }
    // Verdict words and mechanisms are not reasons: the scan must not pick them up.
    for (const word of ['blocked', 'inconclusive', 'reachable', 'dns', 'realtime']) expect(reasons).not.toContain(word);
    expect(reasons.size).toBeGreaterThan(55);
    expect([...throughputReasons()].sort()).toEqual(['below-control', 'comparable', 'discovery-failed', 'fast-enough', 'few-samples', 'no-control', 'skipped', 'too-small']);
  });

  it.each(LOCALES)('each have a sentence in %s', (locale) => {
    const i18n = createI18n(locale, read(locale));
    const missing = [...reasons].filter((r) => reasonText(i18n, r) === undefined);
    expect(missing).toEqual([]);
    const missingThroughput = [...throughputReasons()].filter((r) => !i18n.has(`throughput_${r.replaceAll('-', '_')}`));
    expect(missingThroughput).toEqual([]);
  });

  it('map to Chrome-valid message names, and an unknown reason has no text (the key is shown instead)', () => {
    expect(reasonKey('tls-cert-name-mismatch')).toBe('reason_tls_cert_name_mismatch');
    expect(reasonText(createI18n('en', read('en')), 'from-a-newer-version')).toBeUndefined();
  });
});
