import { beforeAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { INSPECTION_ROOT } from '../../lab/firefox-lab';
import type { Scenario } from '../../lab/types';
import { auditInFirefox, buildFirefoxExtension, useFirefoxLab } from './firefox-helpers';

// The built Firefox package in real headless Firefox ESR (puppeteer-core over WebDriver BiDi),
// auditing the Firefox lab: DNS via the namespace's resolver, squid through a PAC, the
// WebsiteFilter policy and a corporate inspection root installed by enterprise policy.
// BiDi cannot open extension pages, so the test reaches the extension's own page over RDP
// (scripts/lib/firefox.ts) and talks to the background with the product's message API.
const catalog = referenceCatalog as Catalog;
const scenario: Scenario = {
  description: 'Firefox lab: one service per mechanism the Firefox vocabulary maps.',
  services: {
    whatsapp: { treatments: { all: 'dns' }, expect: { verdict: 'blocked', mechanism: 'dns' } },
    dailymotion: { treatments: { all: 'proxy-deny' }, expect: { verdict: 'blocked', mechanism: 'proxy' } },
    x: { treatments: { all: 'tcp-refused' }, expect: { verdict: 'blocked', mechanism: 'tcp' } },
    netflix: { treatments: { all: 'tls-plain' }, expect: { verdict: 'blocked', mechanism: 'tls' } },
    instagram: { treatments: { all: 'tls-wrong-cert' }, expect: { verdict: 'blocked', mechanism: 'tls' } },
    youtube: { treatments: { page: 'policy' }, expect: { verdict: 'blocked', mechanism: 'policy' } },
    linkedin: { treatments: { all: 'ok' }, expect: { verdict: 'reachable' }, note: 'served through the corporate inspection root' },
  },
};

const firefoxLab = useFirefoxLab();
const start = () => firefoxLab.start({ catalog, controlUrls: CONTROL_URLS, scenario, inspected: ['linkedin'] });

// firefox-esr is installed by scripts/ensure-lab-deps.ts before the e2e run: a missing Firefox fails here, loudly.
describe('audit in headless Firefox ESR', () => {
  beforeAll(buildFirefoxExtension);

  it('names DNS, proxy, TCP, TLS and policy blocks with Firefox errors, and the inspection root of a reachable service', async () => {
    const report = await auditInFirefox((await start()).firefox, { timeoutMs: 4000 });
    expect(report.browser.name).toBe('Firefox');
    expect(report.control.ok).toBe(true);
    expect(report.tlsInspection).toBe('available');
    const byId = Object.fromEntries(report.services.map((s) => [s.id, s]));
    const page = (id: string) => byId[id]?.channels.find((c) => c.channel === 'page');
    const summary = Object.fromEntries(
      Object.keys(scenario.services).map((id) => [id, [byId[id]?.verdict, byId[id]?.mechanism, page(id)?.evidence.netError]]),
    );
    expect(summary).toMatchObject({
      whatsapp: ['blocked', 'dns', 'NS_ERROR_UNKNOWN_HOST'],
      dailymotion: ['blocked', 'proxy', 'NS_ERROR_PROXY_FORBIDDEN'],
      x: ['blocked', 'tcp', 'NS_ERROR_CONNECTION_REFUSED'],
      netflix: ['blocked', 'tls', 'SSL received a record that exceeded the maximum permissible length.'],
      instagram: ['blocked', 'tls', 'Peer’s Certificate issuer is not recognized.'],
      youtube: ['blocked', 'policy', 'Error code 2155347971'],
      linkedin: ['reachable', undefined, undefined],
    });
    // Reachable, but decrypted by the company: the report names the root's owner.
    expect(page('linkedin')?.evidence.tls).toEqual({ inspected: true, issuer: INSPECTION_ROOT.commonName, organization: INSPECTION_ROOT.organization, rootBuiltIn: false });
    expect(page('linkedin')?.evidence.detail).toContain(`TLS-inspected: its certificate chain ends in "${INSPECTION_ROOT.commonName}`);
    // Blocked channels never carry a TLS verdict (there was no certificate to judge).
    expect(page('dailymotion')?.evidence.tls).toBeUndefined();
  });

  it('refuses to audit without host access instead of reporting everything blocked', async () => {
    const { lab, firefox: ff } = await start();
    await ff.background.evaluate(`browser.permissions.remove({ origins: ['<all_urls>'] })`);
    await expect(ff.send('startAudit', { trigger: 'cli' })).rejects.toThrow(/host-permission-missing/);
    expect(lab.requests.filter((r) => r.server !== 'pac')).toEqual([]);
  });
});
