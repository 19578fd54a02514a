import { execFileSync, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { registerForCleanup } from './cleanup';

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
  stop(): Promise<void>;
}

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' });

/**
 * Starts the call lab (docs/what-the-browser-sees.md, calls; verified here with coturn 4.6):
 * a network namespace on a random 10.x.y.0/24 behind a veth pair, with one coturn on two
 * addresses. Inside the namespace, iptables
 * - SNATs arriving UDP to a third address, so the STUN answer carries an address the browser
 *   does not own and Chromium reports a real `srflx` candidate (without NAT it is dropped as
 *   redundant, and a live and a dead STUN server would look the same);
 * - DROPs UDP to the second address: the corporate firewall that bans calls.
 * The browser stays in the host namespace, so the rest of the lab (resolver rules, squid)
 * is untouched. Chromium's `--host-resolver-rules` do not apply to STUN/TURN names (701
 * "STUN host lookup received error"), hence IP literals. Needs root, `ip`, `iptables`, `turnserver`.
 */
export async function startCallLab(): Promise<CallLab> {
  const id = randomInt(0x1000, 0xffff).toString(16);
  const ns = `agcall${id}`;
  const net = `10.${randomInt(100, 200)}.${randomInt(0, 256)}`;
  const [hostIf, nsIf] = [`agc${id}a`, `agc${id}b`];
  const inNs = (...args: string[]) => sh('ip', ['netns', 'exec', ns, ...args]);
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
    sh('ip', ['netns', 'add', ns]);
    sh('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
    sh('ip', ['link', 'set', nsIf, 'netns', ns]);
    sh('ip', ['addr', 'add', `${net}.1/24`, 'dev', hostIf]);
    sh('ip', ['link', 'set', hostIf, 'up']);
    for (const last of [2, 3]) inNs('ip', 'addr', 'add', `${net}.${last}/24`, 'dev', nsIf);
    inNs('ip', 'link', 'set', nsIf, 'up');
    inNs('ip', 'link', 'set', 'lo', 'up');
    inNs('iptables', '-t', 'nat', '-A', 'INPUT', '-p', 'udp', '-s', `${net}.1`, '-j', 'SNAT', '--to-source', `${net}.77`);
    inNs('iptables', '-A', 'INPUT', '-p', 'udp', '-d', `${net}.3`, '-j', 'DROP');
    turn = spawn('ip', [
      'netns', 'exec', ns, 'turnserver', '-n', '--no-cli', '--no-tls', '--no-dtls', '--log-file', 'stdout',
      '-L', `${net}.2`, '-L', `${net}.3`, '-p', '3478', '--relay-ip', `${net}.2`,
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
    natAddress: `${net}.77`,
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
    const timer = setTimeout(() => reject(new Error(`turnserver not ready after ${ms} ms: ${log.slice(-500)}`)), ms);
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
      reject(new Error(`turnserver exited (${code}): ${log.slice(-500)}`));
    });
  });
}
