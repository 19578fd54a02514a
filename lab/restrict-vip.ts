import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import type { LabCert } from './certs';
import { registerForCleanup } from './cleanup';
import { addVethNamespace, sh } from './netns';
import type { HandlerContext } from './http-handler';
import { httpListener, httpsListener, type Listener } from './servers';

/**
 * The address Google gives `restrict.youtube.com` and `forcesafesearch.google.com` (docs/restricted-modes.md):
 * a network that forces YouTube Restricted Mode (Strict) or SafeSearch by DNS answers YouTube's or
 * Google's names with it, and the browser then really connects there.
 */
export const RESTRICT_ADDRESS = '216.239.38.120';

/** Treatments whose hosts the lab's DNS answers with Google's restrict address. */
export const RESTRICT_VIP_KINDS = new Set(['youtube-restricted-dns', 'safesearch-dns']);

/** The lab's stand-in for Google's restrict servers, reachable at the documented address. */
export interface RestrictVip {
  address: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Interface names carry the owning process id (base 36), so a route left by a dead lab can be told from a live one. */
const PREFIX = 'agv';

/**
 * Puts Google's restrict address on this machine the way a network does: a network namespace on a
 * random 10.x.y.0/24 behind a veth pair holds 216.239.38.120, and a host route sends that one address
 * into it (no other traffic changes). Inside, a tiny TCP relay hands each connection on :443/:80 to lab
 * listeners on the host side of the pair, which answer by Host as Google's restrict server does for
 * the names sent to it. So the browser connects to the documented address, and webRequest reports
 * it as `ip` — the signal the product reads (utils/verdict/restricted-mode.ts). Needs root and
 * `ip` (iproute2); the sandbox's own gateway otherwise answers every public address itself.
 * One lab at a time can hold the route: a second waits for it (up to `waitMs`), a dead lab's is removed.
 */
export async function startRestrictVip(ctx: HandlerContext, cert: LabCert, waitMs = 90_000): Promise<RestrictVip> {
  const tag = `${process.pid.toString(36)}${randomInt(36 * 36).toString(36).padStart(2, '0')}`;
  const ns = `${PREFIX}${tag}`;
  const [hostIf, nsIf] = [`${PREFIX}${tag}a`, `${PREFIX}${tag}b`];
  const net = `10.${randomInt(200, 250)}.${randomInt(0, 256)}`;
  const listeners: Listener[] = [];
  let relay: ChildProcess | undefined;
  let routed = false;
  let stopped = false;
  const teardown = () => {
    if (stopped) return;
    stopped = true;
    try {
      relay?.kill('SIGKILL');
    } catch { /* gone */ }
    if (routed) try {
      sh('ip', ['route', 'del', `${RESTRICT_ADDRESS}/32`, 'dev', hostIf]);
    } catch { /* gone with the link */ }
    try {
      sh('ip', ['netns', 'del', ns]); // removes the veth pair too
    } catch { /* never created */ }
  };
  const unregister = registerForCleanup({ pids: () => [], dirs: [] });
  process.once('exit', teardown);
  try {
    addVethNamespace({ ns, hostIf, nsIf, hostAddress: `${net}.1/24`, nsAddresses: [`${net}.2/24`, `${RESTRICT_ADDRESS}/32`] });
    const https = await httpsListener(ctx, cert, 'restrict-vip', `${net}.1`);
    const http = await httpListener(ctx, 'restrict-vip', `${net}.1`);
    listeners.push(https, http);
    relay = await startRelay(ns, [[443, `${net}.1`, https.port], [80, `${net}.1`, http.port]]);
    await claimRoute(hostIf, `${net}.2`, waitMs);
    routed = true;
  } catch (error) {
    teardown();
    await Promise.all(listeners.map((l) => l.close()));
    unregister();
    throw new Error(`lab: Google's restrict address ${RESTRICT_ADDRESS} could not be set up (${(error as Error).message.trim()})`);
  }
  return {
    address: RESTRICT_ADDRESS,
    async stop() {
      teardown();
      await Promise.all(listeners.map((l) => l.close()));
      unregister();
    },
  };
}

/** Adds the host route to the restrict address, waiting while a live lab holds it and removing a dead lab's. */
async function claimRoute(hostIf: string, via: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      sh('ip', ['route', 'add', `${RESTRICT_ADDRESS}/32`, 'via', via, 'dev', hostIf]);
      return;
    } catch (error) {
      const holder = /dev (\S+)/.exec(sh('ip', ['route', 'show', `${RESTRICT_ADDRESS}/32`]))?.[1];
      if (!holder) throw error;
      if (!holder.startsWith(PREFIX)) throw new Error(`${RESTRICT_ADDRESS} is already routed through ${holder}, not by a lab`);
      const owner = parseInt(holder.slice(PREFIX.length, -3), 36); // tag = pid + two random characters, then 'a'
      if (!isAlive(owner)) {
        // A lab that died without its exit handler (SIGKILL): its namespace holds the route.
        try {
          sh('ip', ['netns', 'del', holder.slice(0, -1)]);
        } catch { /* already gone */ }
        try {
          sh('ip', ['route', 'del', `${RESTRICT_ADDRESS}/32`, 'dev', holder]);
        } catch { /* went with the link */ }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another lab (process ${owner}) holds ${RESTRICT_ADDRESS}; try again when it has finished`);
      await sleep(500);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A TCP relay inside the namespace: each `[port, host, hostPort]` listens on the restrict address and
 * pipes connections to the lab listener on the host side. Plain Node (no dependency), in the namespace
 * through `ip netns exec`; prints `ready` once listening.
 */
function startRelay(ns: string, routes: Array<[number, string, number]>): Promise<ChildProcess> {
  const script = `const net = require('net'); const routes = ${JSON.stringify(routes)}; let left = routes.length;
for (const [port, host, to] of routes) net.createServer((c) => { const u = net.connect(to, host); c.pipe(u).pipe(c);
  c.on('error', () => u.destroy()); u.on('error', () => c.destroy()); }).listen(port, ${JSON.stringify(RESTRICT_ADDRESS)}, () => { if (--left === 0) console.log('ready'); });`;
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`relay not ready: ${log.trim()}`)), 5000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited (${code}): ${log.trim()}`));
    });
  });
}
