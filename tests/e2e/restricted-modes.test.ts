import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { startLab, type Lab } from '../../lab';
import { RESTRICT_ADDRESS } from '../../lab/restrict-vip';
import { runHeadlessAudit } from '../../scripts/lib/run-headless-audit';
import { checkAgainstScenario } from '../../scripts/lib/scenario-check';
import { formatReport } from '../../scripts/lib/print-report';

// Issue 19 (docs/restricted-modes.md, docs/field-fingerprints.md): a network that forces YouTube's
// Restricted Mode by DNS, and a French block page from a vendor no fingerprint knows, audited by
// the built extension in real headless Chromium against the lab.
// Only the services the scenario treats, plus one served normally: the rule under test, not the
// whole catalog, so the audit stays short on a loaded machine.
const reference = referenceCatalog as Catalog;
const catalogFor = (ids: string[]): Catalog => ({ ...reference, services: reference.services.filter((s) => ids.includes(s.id)) });
let lab: Lab | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

async function audit(name: string, ids: string[]) {
  const catalog = catalogFor([...ids, 'wikipedia']);
  lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario: resolve(import.meta.dirname, `../../lab/scenarios/${name}.json`) });
  const { report } = await runHeadlessAudit({
    browserArgs: lab.chromiumArgs,
    executablePath: lab.executablePath,
    extraExtensionDirs: lab.extensionDirs,
    catalog,
    options: { timeoutMs: 8000 },
  });
  expect(report.control.ok).toBe(true);
  expect(checkAgainstScenario(report, lab.scenario).filter((c) => !c.ok)).toEqual([]);
  return Object.fromEntries(report.services.map((s) => [s.id, s]));
}

describe('real networks II: restricted modes and unknown block pages', () => {
  it('YouTube Restricted Mode forced by DNS: partial, restricted, named in the evidence and the CLI', async () => {
    const byId = await audit('youtube-restricted-dns', ['youtube', 'google-search']);
    const youtube = byId.youtube!;
    expect(youtube).toMatchObject({ verdict: 'partial', mechanism: 'restricted' });
    const page = youtube.channels.find((c) => c.channel === 'page')!;
    expect(page).toMatchObject({ verdict: 'partial', mechanism: 'restricted', reason: 'restricted-youtube-dns' });
    // The browser really connected to restrict.youtube.com's address (the lab holds it): the address decides.
    expect(page.evidence.restriction).toEqual({ service: 'youtube', level: 'strict', via: 'dns', seen: `www.youtube.com resolved to ${RESTRICT_ADDRESS} (restrict.youtube.com / forcesafesearch.google.com)` });
    expect(lab!.requests.filter((r) => r.host === 'www.youtube.com').map((r) => r.server)).toEqual(['restrict-vip']);
    // Evidence URLs are kept without their query (privacy): the probed URL had ?hl=en.
    expect(page.evidence.url).toBe('https://www.youtube.com/check_content_restrictions');
    // Only its page channel is restricted (its media hosts are not YouTube's restricted names), and no other service is.
    expect(youtube.channels.filter((c) => c.mechanism === 'restricted').map((c) => c.channel)).toEqual(['page']);
    expect(Object.values(byId).filter((s) => s.mechanism === 'restricted').map((s) => s.id)).toEqual(['youtube']);
    const line = formatReport({ services: [youtube], gap: [], control: { ok: true } } as never, 'FR').split('\n').find((l) => l.startsWith('YouTube'));
    expect(line).toMatch(/partial\s+restricted\s+page: YouTube Restricted Mode \(strict\) forced by DNS/);
  });

  it('YouTube Restricted Mode forced by a TLS-inspecting gateway’s YouTube-Restrict header: seen only in YouTube’s answer', async () => {
    const byId = await audit('youtube-restricted-header', ['youtube', 'google-search']);
    const page = byId.youtube!.channels.find((c) => c.channel === 'page')!;
    expect(byId.youtube).toMatchObject({ verdict: 'partial', mechanism: 'restricted' });
    expect(page).toMatchObject({ verdict: 'partial', mechanism: 'restricted', reason: 'restricted-youtube-header' });
    expect(page.evidence.restriction).toEqual({ service: 'youtube', level: 'strict', via: 'header', seen: 'YouTube\'s page says "HTTP header restrictions are on" ("Strict restricted")' });
    // The browser's request, as the gateway decrypted it, had no such header; YouTube received it from the gateway.
    const youtube = lab!.requests.filter((r) => r.host === 'www.youtube.com' && r.method === 'GET');
    const fromBrowser = youtube.filter((r) => r.server === 'inspecting-proxy');
    const atYouTube = youtube.filter((r) => r.server === 'https');
    expect(fromBrowser.length).toBeGreaterThan(0);
    expect(fromBrowser.filter((r) => 'youtube-restrict' in r.headers)).toEqual([]);
    expect(atYouTube.length).toBe(fromBrowser.length);
    expect(atYouTube.every((r) => r.headers['youtube-restrict'] === 'Strict')).toBe(true);
    expect(byId['google-search']).toMatchObject({ verdict: 'reachable' });
    const line = formatReport({ services: [byId.youtube!], gap: [], control: { ok: true } } as never, 'FR').split('\n').find((l) => l.startsWith('YouTube'));
    expect(line).toMatch(/partial\s+restricted\s+page: YouTube Restricted Mode \(strict\) forced by proxy header/);
  });

  it('Google SafeSearch forced by DNS: www.google.com answered from forcesafesearch.google.com’s address, partial, restricted', async () => {
    const byId = await audit('safesearch-dns', ['google-search', 'youtube']);
    const search = byId['google-search']!;
    expect(search).toMatchObject({ verdict: 'partial', mechanism: 'restricted' });
    const page = search.channels.find((c) => c.channel === 'page')!;
    expect(page).toMatchObject({ verdict: 'partial', mechanism: 'restricted', reason: 'restricted-safesearch-dns' });
    expect(page.evidence.restriction).toEqual({ service: 'google-search', via: 'dns', seen: `www.google.com resolved to ${RESTRICT_ADDRESS} (restrict.youtube.com / forcesafesearch.google.com)` });
    // Google Search's answer itself is ordinary: only the address it came from shows the restriction.
    expect(lab!.requests.filter((r) => r.host === 'www.google.com').map((r) => [r.server, r.status])).toEqual([['restrict-vip', 200]]);
    // YouTube's names are not touched by a SafeSearch-only DNS rule.
    expect(byId.youtube).toMatchObject({ verdict: 'reachable' });
    const line = formatReport({ services: [search], gap: [], control: { ok: true } } as never, 'FR').split('\n').find((l) => l.startsWith('Google Search'));
    expect(line).toMatch(/partial\s+restricted\s+page: Google SafeSearch forced by DNS/);
  });

  it('a French block page from an unknown vendor is caught by the generic rule and names no vendor', async () => {
    const byId = await audit('unknown-vendor-fr', ['dailymotion']);
    const page = byId.dailymotion!.channels.find((c) => c.channel === 'page')!;
    expect(page).toMatchObject({ verdict: 'blocked', mechanism: 'block-page', reason: 'block-page-generic' });
    expect(page.evidence.fingerprint).toEqual({ id: 'generic', vendor: 'unknown', matched: 'title "non autorisé" + text "votre service informatique"' });
  });
});
