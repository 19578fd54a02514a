import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** What the lab needs from Debian, and which package provides it. */
const DEPENDENCIES = [
  { what: 'Chromium', check: () => existsSync('/usr/lib/chromium/chromium'), pkg: 'chromium', why: 'the real browser the extension runs in (headless)' },
  { what: 'squid', check: () => onPath('squid'), pkg: 'squid', why: 'the proxy that denies, redirects and throttles like a corporate filter' },
  { what: 'openssl', check: () => onPath('openssl'), pkg: 'openssl', why: 'makes the lab\'s self-signed and "interception" certificates' },
  { what: 'coturn', check: () => onPath('turnserver'), pkg: 'coturn', why: 'the STUN/TURN relays of the call lab, one per call service (lab/call-lab.ts)', forCalls: true },
  { what: 'iptables', check: () => onPath('iptables'), pkg: 'iptables', why: 'the call lab\'s NAT and the firewall rule that bans calls', forCalls: true },
  { what: 'ip', check: () => onPath('ip'), pkg: 'iproute2', why: 'the call lab\'s network namespace', forCalls: true },
  { what: 'Firefox ESR', check: () => existsSync('/usr/bin/firefox-esr'), pkg: 'firefox-esr', why: 'the Firefox end-to-end tests (error vocabulary, TLS inspection)', forTestsOnly: true },
];

function onPath(command: string): boolean {
  return ['/usr/sbin', '/usr/bin', '/sbin', '/bin', ...(process.env.PATH ?? '').split(':')].some((d) => d && existsSync(`${d}/${command}`));
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/**
 * Makes sure Chromium, squid, openssl, coturn, iptables, iproute2 and Firefox ESR are installed, installing the missing ones with apt
 * (the only package source on lab machines; `npx playwright install` needs the internet).
 * Returns quietly when everything is there; throws with a clear message when it cannot install.
 */
export async function ensureLabDeps(
  log: (line: string) => void = (l) => console.error(l),
  { forTests = false }: { forTests?: boolean } = {},
): Promise<void> {
  // The demo and the audit CLI need no Firefox: a first-time user should not wait for it.
  const needed = DEPENDENCIES.filter((d) => forTests || !('forTestsOnly' in d));
  const missing = needed.filter((d) => !d.check());
  if (!missing.length) return;
  log('The end-to-end lab needs packages that are not installed:');
  for (const d of missing) log(`  - ${d.pkg}: ${d.why}`);
  if (process.getuid?.() !== 0) {
    // Without the call lab the rest still runs: calls then come out inconclusive, and the demo says why.
    if (missing.every((d) => 'forCalls' in d)) {
      log(`Not root, so not installing them: calls will not be tested (sudo apt-get install -y ${missing.map((d) => d.pkg).join(' ')}).`);
      return;
    }
    throw new Error(`cannot install as a non-root user; run: sudo apt-get update && sudo apt-get install -y ${missing.map((d) => d.pkg).join(' ')}`);
  }
  try {
    log('Running apt-get update && apt-get install -y (1–2 minutes)…');
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing.map((d) => d.pkg)]);
  } catch (error) {
    throw new Error(`could not install lab dependencies (${(error as Error).message}); install them by hand: apt-get install -y ${missing.map((d) => d.pkg).join(' ')}`);
  }
  const still = needed.filter((d) => !d.check());
  if (still.length) throw new Error(`still missing after apt-get: ${still.map((d) => d.what).join(', ')}`);
  log(`Installed: ${execFileSync('/usr/lib/chromium/chromium', ['--version']).toString().trim()}`);
}

// Run directly (`tsx scripts/ensure-lab-deps.ts`, as `npm run test:e2e` and `.ci/run` do): everything the tests need.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureLabDeps(undefined, { forTests: true }).catch((error: unknown) => {
    console.error(`ensure-lab-deps: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
