import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { startLab, type Lab } from '../../lab';
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
    expect(page.evidence.restriction).toMatchObject({ service: 'youtube', level: 'strict', via: 'dns' });
    // Evidence URLs are kept without their query (privacy): the probed URL had ?hl=en.
    expect(page.evidence.url).toBe('https://www.youtube.com/check_content_restrictions');
    // Only its page channel is restricted (its media hosts are not YouTube's restricted names), and no other service is.
    expect(youtube.channels.filter((c) => c.mechanism === 'restricted').map((c) => c.channel)).toEqual(['page']);
    expect(Object.values(byId).filter((s) => s.mechanism === 'restricted').map((s) => s.id)).toEqual(['youtube']);
    const line = formatReport({ services: [youtube], gap: [], control: { ok: true } } as never, 'FR').split('\n').find((l) => l.startsWith('YouTube'));
    expect(line).toMatch(/partial\s+restricted\s+page: YouTube Restricted Mode \(strict\) forced by DNS/);
  });

  it('a French block page from an unknown vendor is caught by the generic rule and names no vendor', async () => {
    const byId = await audit('unknown-vendor-fr', ['dailymotion']);
    const page = byId.dailymotion!.channels.find((c) => c.channel === 'page')!;
    expect(page).toMatchObject({ verdict: 'blocked', mechanism: 'block-page', reason: 'block-page-generic' });
    expect(page.evidence.fingerprint).toEqual({ id: 'generic', vendor: 'unknown', matched: 'title "non autorisé" + text "votre service informatique"' });
  });
});
