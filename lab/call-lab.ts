import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import type { Catalog } from '../utils/catalog/schema';
import { registerForCleanup } from './cleanup';
import { addVethNamespace, sh } from './netns';
import type { CallRelay, Scenario } from './types';

/** STUN/TURN servers of the call lab, as `call` URLs for a catalog (IP literals: see below). */
export interface CallLab {
  /** A live STUN server behind a NAT: gathering yields a server-reflexive candidate. */
  liveStun: string;
  /** The same coturn on another address whose UDP a firewall rule DROPs: calls banned. */
  blockedStun: string;
  /** The live server as a TURN URL: without credentials it answers 401, which proves it is reachable. */
  liveTurn: string;
  /** The address the NAT maps the browser to (what the reflexive candidate shows). */
  natAddress: string;
  /** One relay per call endpoint of the catalog given, each on its own address (none without a catalog). */
  relays: CallRelay[];
  stop(): Promise<void>;
}

export interface CallLabOptions {
  /** Every service of it with a `call` endpoint gets its own relay address. */
  catalog?: Catalog;
  /** Its `call` treatments say which relays the firewall silences (default `ok`). */
  scenario?: Scenario;
}

/** First address of the per-service relays (.2 and .3 are the generic live and blocked servers). */
const FIRST_RELAY = 10;

/**
 * The relay standing in for a catalog call URL: same scheme and transport, the relay's address
 * and coturn's port. The lab's coturn speaks neither TLS nor DTLS, so `stuns:`/`turns:` become plain.
 */
export function relayUrl(catalogUrl: string, address: string): string {
  const m = /^(stun|turn)s?:[^?]+(\?transport=(?:udp|tcp))?$/i.exec(catalogUrl);
  if (!m) throw new Error(`call lab: not a stun: or turn: URL: ${catalogUrl}`);
  return `${m[1]!.toLowerCase()}:${address}:3478${m[2] ?? ''}`;
}

/** The catalog with each call endpoint replaced by its relay's URL (the rest untouched). */
export function catalogWithRelays(catalog: Catalog, relays: readonly CallRelay[]): Catalog {
  const urlOf = new Map(relays.map((r) => [r.serviceId, r.url]));
  return {
    ...catalog,
    services: catalog.services.map((s) => (urlOf.has(s.id) ? { ...s, channels: { ...s.channels, call: urlOf.get(s.id)! } } : s)),
  };
}

/**
 * Which services get a relay, in catalog order, and what the scenario does to each; throws when
 * the scenario treats the calls of a service that has no call endpoint (a scenario typo).
 */
export function plannedRelays(options: CallLabOptions): Omit<CallRelay, 'url'>[] {
  const services = options.catalog?.services ?? [];
  const scenarioCalls = Object.entries(options.scenario?.services ?? {}).filter(([, e]) => e.treatments.call);
  const withoutCall = scenarioCalls.filter(([id]) => !services.some((s) => s.id === id && s.channels.call)).map(([id]) => id);
  if (withoutCall.length) throw new Error(`call lab: the scenario treats calls of services without a catalog call endpoint: ${withoutCall.join(', ')}`);
  const planned = services.flatMap((s) =>
    s.channels.call ? [{ serviceId: s.id, catalogUrl: s.channels.call, treatment: options.scenario?.services[s.id]?.treatments.call ?? ('ok' as const) }] : [],
  );
  if (planned.length > 250 - FIRST_RELAY) throw new Error(`call lab: ${planned.length} call endpoints, at most ${250 - FIRST_RELAY}`);
  return planned;
}


/**
 * Starts the call lab (docs/what-the-browser-sees.md, calls; verified here with coturn 4.6):
 * a network namespace on a random 10.x.y.0/24 behind a veth pair, with one coturn on two
 * addresses, plus one address per call service of `options.catalog` (from .10 on: a relay per
 * service, so a scenario can let Teams' through and silence Meet's). Inside the namespace, iptables
 * - SNATs arriving UDP to a third address, so the STUN answer carries an address the browser
 *   does not own and Chromium reports a real `srflx` candidate (without NAT it is dropped as
 *   redundant, and a live and a dead STUN server would look the same);
 * - DROPs UDP to the second address and to the relays the scenario makes `silent`: the corporate
 *   firewall that bans calls (all of them, or one service's).
 * The browser stays in the host namespace, so the rest of the lab (resolver rules, squid)
 * is untouched. Chromium's `--host-resolver-rules` do not apply to STUN/TURN names (701
 * "STUN host lookup received error"), hence IP literals. Needs root, `ip`, `iptables`, `turnserver`.
 */
export async function startCallLab(options: CallLabOptions = {}): Promise<CallLab> {
  const planned = plannedRelays(options);
  const id = randomInt(0x1000, 0xffff).toString(16);
  const ns = `agcall${id}`;
  const net = `10.${randomInt(100, 200)}.${randomInt(0, 256)}`;
  const [hostIf, nsIf] = [`agc${id}a`, `agc${id}b`];
  const relays: CallRelay[] = planned.map((r, i) => ({ ...r, url: relayUrl(r.catalogUrl, `${net}.${FIRST_RELAY + i}`) }));
  const relayAddress = (i: number) => `${net}.${FIRST_RELAY + i}`;
  const listen = [`${net}.2`, `${net}.3`, ...relays.map((_, i) => relayAddress(i))];
  const dropped = [`${net}.3`, ...relays.flatMap((r, i) => (r.treatment === 'silent' ? [relayAddress(i)] : []))];
  let turn: ReturnType<typeof spawn> | undefined;
  let stopped = false;
  const teardown = () => {
    if (stopped) return;
    stopped = true;
    try {
      turn?.kill('SIGKILL');
    } catch { /* gone */ }
    try {
      sh('ip', ['netns', 'del', ns]); // also removes the veth pair and the namespace's iptables rules
    } catch { /* never created */ }
  };
  const unregister = registerForCleanup({ pids: () => [], dirs: [] });
  process.once('exit', teardown);
  try {
    const inNs = addVethNamespace({ ns, hostIf, nsIf, hostAddress: `${net}.1/24`, nsAddresses: listen.map((a) => `${a}/24`) });
    inNs('iptables', '-t', 'nat', '-A', 'INPUT', '-p', 'udp', '-s', `${net}.1`, '-j', 'SNAT', '--to-source', `${net}.254`);
    for (const address of dropped) inNs('iptables', '-A', 'INPUT', '-p', 'udp', '-d', address, '-j', 'DROP');
    turn = spawn('ip', [
      'netns', 'exec', ns, 'turnserver', '-n', '--no-cli', '--no-tls', '--no-dtls', '--log-file', 'stdout',
      ...listen.flatMap((address) => ['-L', address]), '-p', '3478', '--relay-ip', `${net}.2`,
      '--lt-cred-mech', '--user', 'lab:labpass', '--realm', 'lab', '--userdb', `/tmp/${ns}.db`, '--pidfile', `/tmp/${ns}.pid`,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForListening(turn);
  } catch (error) {
    teardown();
    unregister();
    throw new Error(`call lab: could not start (${(error as Error).message})`);
  }
  return {
    liveStun: `stun:${net}.2:3478`,
    blockedStun: `stun:${net}.3:3478`,
    liveTurn: `turn:${net}.2:3478?transport=udp`,
    natAddress: `${net}.254`,
    relays,
    async stop() {
      teardown();
      sh('rm', ['-f', `/tmp/${ns}.db`, `/tmp/${ns}.pid`]);
      unregister();
    },
  };
}

/** coturn logs "Total General servers" once its listeners and relays are set up. */
function waitForListening(child: ReturnType<typeof spawn>, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`turnserver not ready after ${ms} ms: ${log.slice(-500).trim()}`)), ms);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/Total General servers/.test(log)) {
        clearTimeout(timer);
        setTimeout(resolve, 100);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`turnserver exited (${code}): ${log.slice(-500).trim()}`));
    });
  });
}
