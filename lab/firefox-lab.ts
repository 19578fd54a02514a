import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../utils/catalog/schema';
import { registerForCleanup } from './cleanup';
import { startDnsStub } from './dns-stub';
import { makeCa, makeLeaf } from './firefox-certs';
import { rawServers, randomLoopback, webServers, type FirefoxRawKind } from './firefox-servers';
import type { HandlerContext } from './http-handler';
import { BLOCK_PAGE_REDIRECTS } from './pages';
import { pacScript } from './pac';
import { PROXIED_KINDS, startProxy, type ProxySetup } from './proxy';
import { addRealNetworkHosts } from './real-networks';
import { loadScenario, planHosts } from './scenario';
import { httpListener, type Listener } from './servers';
import type { LabRequest, Scenario } from './types';

/** Debian's Firefox ESR. */
export const FIREFOX_PATH = '/usr/bin/firefox-esr';
/** Where Firefox reads `policies.json` (XREAppDist; /usr/lib/firefox-esr/distribution links here). */
export const FIREFOX_DISTRIBUTION_DIR = '/usr/share/firefox-esr/distribution';
/** The corporate TLS-inspection root the lab installs by enterprise policy, as a company would. */
export const INSPECTION_ROOT = { commonName: 'ACME Corp Inspection Root CA', organization: 'ACME Corp' };
/** The lab's own root, which every other TLS stand-in is signed by (also installed by policy). */
export const LAB_ROOT = { commonName: 'Access Gap Lab Root', organization: 'Access Gap lab' };

export interface FirefoxLabOptions {
  catalog: Catalog;
  controlUrls: readonly string[];
  scenario: Scenario | string;
  /** Service ids whose hosts answer with a leaf of the corporate inspection root. */
  inspected?: readonly string[];
  firefoxPath?: string;
}

export interface FirefoxLab {
  /** A wrapper that runs Firefox in a mount namespace with the lab's hosts, resolver and policies. */
  executablePath: string;
  /** Firefox prefs routing proxied hosts to squid through the lab's PAC file. */
  prefs: Record<string, string | number | boolean>;
  /** The enterprise policies in force (`policies.json` content). */
  policies: Record<string, unknown>;
  requests: LabRequest[];
  squidLog(): string[];
  stop(): Promise<void>;
}

const RAW: readonly FirefoxRawKind[] = ['tcp-reset', 'silent', 'tls-plain'];

/**
 * The blocking lab for Firefox: the Chromium lab's scenarios, HTTP handler and squid, routed the
 * way Firefox allows — /etc/hosts, /etc/resolv.conf (a stub answering NXDOMAIN) and the policy
 * file bind-mounted in a private mount namespace, proxies as prefs (a PAC). Needs root.
 */
export async function startFirefoxLab(options: FirefoxLabOptions): Promise<FirefoxLab> {
  const scenario = loadScenario(options.scenario);
  const plan = planHosts(options.catalog, options.controlUrls, scenario);
  for (const p of [...plan.values()]) {
    const t = p.treatment;
    const vendor = t.kind === 'redirect-blockpage' ? t.vendor : t.kind === 'proxy-redirect' ? 'squid' : undefined;
    if (vendor) plan.set(BLOCK_PAGE_REDIRECTS[vendor].host, { treatment: { kind: 'blockpage', vendor }, name: vendor, owner: 'portal' });
  }
  addRealNetworkHosts(plan, scenario); // the public resolvers' DoH stand-in, redirect hops, a network-wide sign-in
  const inspected = new Set([...plan].filter(([, p]) => options.inspected?.includes(p.owner)).map(([h]) => h));
  const dir = mkdtempSync(join(tmpdir(), 'access-gap-firefox-lab-'));
  chmodSync(dir, 0o755); // squid drops to `proxy` and must reach its subdirectory
  const requests: LabRequest[] = [];
  const listeners: Listener[] = [];
  let proxy: ProxySetup | undefined;
  let closeDns: (() => Promise<void>) | undefined;
  const unregister = registerForCleanup({ pids: () => (proxy ? [proxy.squid.pid] : []), dirs: [dir] });
  const stop = async () => {
    await proxy?.squid.stop();
    await Promise.all([...listeners, ...(proxy?.listeners ?? [])].map((l) => l.close()));
    await proxy?.closeDns();
    await closeDns?.();
    rmSync(dir, { recursive: true, force: true });
    unregister();
  };

  try {
    const labCa = makeCa(dir, 'lab', LAB_ROOT.commonName, LAB_ROOT.organization);
    const corpCa = makeCa(dir, 'corp', INSPECTION_ROOT.commonName, INSPECTION_ROOT.organization);
    const rogueCa = makeCa(dir, 'rogue', 'Corporate Inspection CA (untrusted)', 'Unknown'); // never installed
    const allHosts = [...plan.keys()];
    const ctx: HandlerContext = { plan, record: (e) => requests.push(e), wsHoldMs: 3000, throttledBodyBytes: 256 * 1024, issuedTokens: new Set() };
    const addressOf = new Map<string, string>();
    const serve = async (hosts: string[], name: string, started: Promise<{ address: string; listeners: Listener[] }>) => {
      const { address, listeners: l } = await started;
      listeners.push(...l);
      for (const h of hosts) addressOf.set(h, address);
    };
    const kindOf = (h: string) => plan.get(h)!.treatment.kind;
    // No hosts entry: the resolver stub answers NXDOMAIN (`gone` is unknown to the DoH stand-in as well).
    const direct = allHosts.filter((h) => !PROXIED_KINDS.has(kindOf(h)) && kindOf(h) !== 'dns' && kindOf(h) !== 'gone');
    const OWN_ADDRESS = ['tcp-refused', 'tls-wrong-cert', 'sinkhole-zero', 'sinkhole-blockpage', 'split-horizon', ...RAW];
    const normal = direct.filter((h) => !inspected.has(h) && !OWN_ADDRESS.includes(kindOf(h)));
    await serve(normal, 'https', webServers(ctx, makeLeaf(dir, 'lab-leaf', labCa, allHosts), 'https'));
    if (inspected.size) await serve([...inspected], 'inspected', webServers(ctx, makeLeaf(dir, 'corp-leaf', corpCa, [...inspected]), 'inspected'));
    const wrong = direct.filter((h) => kindOf(h) === 'tls-wrong-cert');
    if (wrong.length) await serve(wrong, 'tls-wrong-cert', webServers(ctx, makeLeaf(dir, 'rogue-leaf', rogueCa, wrong), 'tls-wrong-cert'));
    for (const kind of RAW) {
      const hosts = direct.filter((h) => kindOf(h) === kind);
      if (hosts.length) await serve(hosts, kind, rawServers(kind, ctx));
    }
    // DNS sinkholes and split-horizon (docs/verdicts-on-real-networks.md), as the hosts file answers them:
    // 0.0.0.0 (Pi-hole's default), a block-page server that cannot show the service's certificate,
    // an internal mirror serving the real content. Each away from the control's address.
    for (const h of direct.filter((x) => kindOf(x) === 'sinkhole-zero')) addressOf.set(h, '0.0.0.0');
    const sinkholed = direct.filter((h) => kindOf(h) === 'sinkhole-blockpage');
    if (sinkholed.length) await serve(sinkholed, 'sinkhole-blockpage', webServers(ctx, makeLeaf(dir, 'sinkhole-leaf', rogueCa, sinkholed), 'sinkhole-blockpage'));
    const mirrored = direct.filter((h) => kindOf(h) === 'split-horizon');
    if (mirrored.length) await serve(mirrored, 'split-horizon', webServers(ctx, makeLeaf(dir, 'mirror-leaf', labCa, mirrored), 'split-horizon'));
    const refused = randomLoopback(); // nothing listens there: the kernel answers RST
    for (const h of direct.filter((x) => kindOf(x) === 'tcp-refused')) addressOf.set(h, refused);

    // Public resolvers agree with the hosts file except where the scenario says the network's DNS lies.
    for (const [h, address] of addressOf) if (!['sinkhole-zero', 'sinkhole-blockpage', 'split-horizon'].includes(kindOf(h))) plan.get(h)!.publicAddress = address;
    const dns = await startDnsStub(addressOf.values().next().value ?? randomLoopback());
    closeDns = dns.close;
    if (allHosts.some((h) => PROXIED_KINDS.has(kindOf(h)))) {
      proxy = await startProxy(dir, plan, ctx, makeLeaf(dir, 'proxied-leaf', labCa, allHosts));
    }
    const pac = await httpListener(ctx, 'pac', '127.0.0.1', 0, () => pacScript(proxy ? [{ hosts: proxy.proxiedHosts, port: proxy.squidPort }] : []));
    listeners.push(pac);

    const policyHosts = allHosts.filter((h) => kindOf(h) === 'policy');
    const policies = {
      Certificates: { Install: [labCa.certPath, corpCa.certPath] },
      ...(policyHosts.length ? { WebsiteFilter: { Block: policyHosts.map((h) => `*://${h}/*`) } } : {}),
      DisableAppUpdate: true,
    };
    const ns = join(dir, 'ns');
    mkdirSync(join(ns, 'distribution'), { recursive: true });
    writeFileSync(join(ns, 'distribution', 'policies.json'), JSON.stringify({ policies }, null, 2));
    writeFileSync(join(ns, 'hosts'), ['127.0.0.1 localhost', ...[...addressOf].map(([h, a]) => `${a} ${h}`), ''].join('\n'));
    writeFileSync(join(ns, 'resolv.conf'), `nameserver ${dns.address}\noptions timeout:1 attempts:1\n`);
    return {
      executablePath: writeNamespaceWrapper(dir, ns, options.firefoxPath ?? FIREFOX_PATH),
      prefs: {
        'network.proxy.type': 2,
        'network.proxy.autoconfig_url': `http://127.0.0.1:${pac.port}/proxy.pac`,
        'network.trr.mode': 5, // native resolver only: /etc/hosts and the stub decide
        'network.dns.disableIPv6': true,
        'network.http.http3.enable': false, // TCP only, as in the Chromium lab
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'security.OCSP.enabled': 0,
        'security.enterprise_roots.enabled': false,
      },
      policies,
      requests,
      squidLog: () => (proxy && existsSync(proxy.squid.accessLog) ? readFileSync(proxy.squid.accessLog, 'utf8').split('\n').filter(Boolean) : []),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `unshare -m`: the mounts vanish with the process and nothing under /etc is changed for anyone else. */
function writeNamespaceWrapper(dir: string, ns: string, firefoxPath: string): string {
  const wrapper = join(dir, 'firefox-ns.sh');
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    wrapper,
    `#!/bin/sh
# Generated by lab/firefox-lab.ts. In sh -c, $0 is the namespace dir and "$@" Firefox and its arguments.
exec unshare -m sh -c 'mount --bind "$0/hosts" /etc/hosts && mount --bind "$0/resolv.conf" /etc/resolv.conf && mount --bind "$0/distribution" ${FIREFOX_DISTRIBUTION_DIR} && exec "$@"' ${q(ns)} ${q(firefoxPath)} "$@"
`,
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}
