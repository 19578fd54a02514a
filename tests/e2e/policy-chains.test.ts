import { describe, expect, it } from 'vitest';
import { CONTROL_URLS } from '../../utils/probe/control';
import { startLab, syntheticBenchmark } from '../../lab';
import { runHeadlessAudit } from '../../scripts/lib/run-headless-audit';

// The browser-policy check sends one frame through a chain of URLs with our own redirects, and
// Chromium checks its URLBlocklist again at every redirect (docs/scale.md). Real Chromium, real
// policy: blocks anywhere in a chain, by host or by path, and two pages of one origin, must each
// land on the right service, and no frame may reach the network.
const COUNT = 40;

describe('browser-policy check by chains of redirects', () => {
  it('finds every URLBlocklist entry, by host or by path, wherever it falls in a chain, and sends nothing', async () => {
    const { catalog, scenario } = syntheticBenchmark(COUNT, 'ok');
    const services = catalog.services.map((s, i) => (i % 2 ? { ...s, channels: { ...s.channels, page: `https://svc-${i}.bench.test/home?lang=fr` } } : s));
    // A second page on svc-5's origin: one origin, two services, one of them blocked by path.
    const forum = { ...services[5]!, id: 'svc-5-forum', name: 'Synthetic 5 forum', channels: { page: 'https://svc-5.bench.test/forum' } };
    const custom = { ...catalog, services: [...services, forum] };
    const blocked = ['svc-3', 'svc-17', 'svc-5-forum', 'svc-33', 'svc-40'];
    const lab = await startLab({
      catalog: custom,
      controlUrls: CONTROL_URLS,
      scenario: { ...scenario, services: { ...scenario.services, [forum.id]: { treatments: { all: 'ok' }, expect: { verdict: 'reachable' } } } },
      policies: {
        URLBlocklist: [
          'svc-3.bench.test', // a host, mid-chain
          'svc-17.bench.test/home', // a path that the page URL is under
          'svc-21.bench.test/other', // a path it is not under: svc-21 stays reachable
          'svc-5.bench.test/forum', // one of two pages of one origin
          'svc-33.bench.test',
          'svc-40.bench.test', // not a service: blocks nothing here
        ],
      },
    });
    try {
      const { report } = await runHeadlessAudit({ catalog: custom, options: { timeoutMs: 8000 }, browserArgs: lab.chromiumArgs, executablePath: lab.executablePath });
      const policyBlocked = report.services.filter((s) => s.verdict === 'blocked' && s.mechanism === 'policy').map((s) => s.id);
      expect(policyBlocked.sort()).toEqual(blocked.filter((id) => id !== 'svc-40').sort());
      expect(report.services.filter((s) => !blocked.includes(s.id) && s.verdict !== 'reachable').map((s) => `${s.id}: ${s.verdict}`)).toEqual([]);
      expect(report.services).toHaveLength(COUNT + 1);
      // The frames never reached the lab: every request it saw was a fetch probe's (which carry the
      // same Fetch-Metadata headers, so the lab does record them).
      expect(lab.requests.filter((r) => r.headers['sec-fetch-mode'] === 'cors' || r.headers['sec-fetch-mode'] === 'no-cors').length).toBeGreaterThan(COUNT);
      expect(lab.requests.filter((r) => r.headers['sec-fetch-dest'] === 'iframe' || r.headers['sec-fetch-mode'] === 'navigate')).toEqual([]);
    } finally {
      await lab.stop();
    }
  });
});
