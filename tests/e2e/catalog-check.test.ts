import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { runCheckCli } from '../../scripts/catalog';
import { checkCatalog, nodeTransport, withCheckedDates, type EndpointCheck, type Transport } from '../../scripts/lib/endpoint-check';
import { startLab, type Lab } from '../../lab';
import { startCallLab, type CallLab } from '../../lab/call-lab';

// `npm run catalog -- --check` against the lab: real HTTPS servers answering as the scenario says,
// the fast.com stand-in with its rotating CDN, and coturn behind the call lab's firewall.
const netflix = (referenceCatalog as Catalog).services.find((s) => s.id === 'netflix')!;
const svc = (id: string, channels: Catalog['services'][number]['channels']) => ({ id, name: id, category: 'video', channels, usage: [] });
let lab: Lab;
let calls: CallLab;
let transport: Transport;
let catalog: Catalog;

/** The lab's resolver rules, applied to Node's connections the way Chromium applies them. */
function connectVia(rules: string) {
  const maps = rules.split(', ').filter((r) => r.startsWith('MAP ')).map((r) => r.slice(4).split(' ') as [string, string]);
  return (host: string) => {
    for (const [pattern, target] of maps) {
      const [name, port] = pattern.split(':');
      if (port && port !== '443') continue;
      const matches = name === '*' || name === host || (name!.startsWith('*.') && host.endsWith(name!.slice(1)));
      if (!matches) continue;
      if (target === '~NOTFOUND') throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      const [h, p] = target.split(':');
      return { host: h!, port: Number(p ?? 443) };
    }
    throw new Error(`getaddrinfo ENOTFOUND ${host}`);
  };
}

beforeAll(async () => {
  calls = await startCallLab();
  catalog = {
    schemaVersion: 1, name: 'Check lab', version: 'lab-1',
    services: [
      svc('big', { page: 'https://www.big.test/', media: 'https://cdn.big.test/clip.mp4', call: calls.liveTurn }),
      svc('small', { media: 'https://cdn.small.test/logo.png?bytes=4000' }),
      svc('login', { page: 'https://www.login.test/home' }),
      svc('denied', { page: 'https://www.denied.test/' }),
      svc('gone', { page: 'https://www.gone.test/', call: calls.blockedStun }),
      netflix,
    ],
  };
  lab = await startLab({
    catalog, controlUrls: CONTROL_URLS, mediaBodyBytes: 4 * 1024 * 1024, strays: 'nxdomain',
    scenario: { services: { login: { treatments: { all: 'login-redirect' }, expect: { verdict: 'blocked' } }, denied: { treatments: { all: 'service-403' }, expect: { verdict: 'blocked' } }, gone: { treatments: { all: 'dns' }, expect: { verdict: 'blocked' } } } },
  });
  const rules = lab.chromiumArgs.find((a) => a.startsWith('--host-resolver-rules='))!.slice('--host-resolver-rules='.length);
  const lookup = connectVia(rules);
  const http = nodeTransport({ connectTo: lookup, insecure: true, timeoutMs: 5000 });
  transport = { get: (url, h, max) => Promise.resolve().then(() => lookup(new URL(url).hostname)).then(() => http.get(url, h, max)), stun: http.stun };
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  await calls?.stop();
});

const word = (checks: EndpointCheck[], id: string, channel: string) => checks.find((c) => c.serviceId === id && c.channel === channel);

describe('npm run catalog -- --check', () => {
  it('says per endpoint whether it is ok, too small, needs login or rotted, with status, size, type and redirect', async () => {
    const checks = await checkCatalog(catalog, transport);
    expect(word(checks, 'big', 'page')).toMatchObject({ word: 'ok', status: 200, contentType: expect.stringContaining('text/html') });
    expect(word(checks, 'big', 'media')).toMatchObject({ word: 'ok', status: 200, contentType: 'video/mp4' });
    expect(word(checks, 'big', 'media')!.size).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(word(checks, 'small', 'media')).toMatchObject({ word: 'too small', size: 4000 });
    expect(word(checks, 'login', 'page')).toMatchObject({ word: 'needs login', redirect: expect.stringContaining('/login?next=') });
    expect(word(checks, 'denied', 'page')).toMatchObject({ word: 'needs login', status: 403 });
    expect(word(checks, 'gone', 'page')).toMatchObject({ word: 'rotted', note: expect.stringContaining('ENOTFOUND') });
    // Discovery: the API, then the CDN URL it handed out (host and path only: the token stays out).
    expect(word(checks, 'netflix', 'discovery')).toMatchObject({ word: 'ok', contentType: 'application/json' });
    expect(word(checks, 'netflix', 'media')).toMatchObject({ word: 'ok', url: 'https://lab-c001.oca.nflxvideo.net/speedtest/range/0-2097151' });
    // Calls: coturn answers STUN on the live address; the firewalled one stays silent.
    expect(word(checks, 'big', 'call')?.word).toBe('ok');
    expect(word(checks, 'gone', 'call')).toMatchObject({ word: 'rotted', note: 'no STUN answer within 3 s' });
  }, 60_000);

  it('prints one line per endpoint and exits 1 when one is not ok; checked dates come from ok endpoints only', async () => {
    const out: string[] = [];
    const dir = await import('node:fs').then((fs) => fs.mkdtempSync('/tmp/access-gap-check-'));
    const file = `${dir}/catalog.json`;
    (await import('node:fs')).writeFileSync(file, JSON.stringify(catalog));
    const code = await runCheckCli(['--check', '--catalog', file], (s) => out.push(s), (s) => out.push(s), transport);
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/^too small\s+small\s+media\s+200\s+4000 B\s+image\/png/m);
    expect(text).toMatch(/^needs login\s+login\s+page\s+200\s+.*→ https:\/\/www\.login\.test\/login\?next=/m);
    expect(text).toMatch(/\d+ of 11 endpoints ok; \d+ need a maintainer/);
    const dated = withCheckedDates(catalog, await checkCatalog(catalog, transport), '2026-12-02');
    expect(dated.services.find((s) => s.id === 'big')?.checked).toBe('2026-12-02');
    expect(dated.services.find((s) => s.id === 'netflix')?.endpoints?.media?.checked).toBe('2026-12-02');
    expect(dated.services.find((s) => s.id === 'small')?.checked).toBeUndefined();
  }, 60_000);
});
