import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { DelayBuckets, LabRequest } from './types';

/** Which proxied host gets which answer from squid. */
export interface SquidRules {
  port: number;
  dnsAddress: string;
  /** Loopback address where the lab serves proxied hosts on 443/80 (squid's hosts_file points there). */
  upstreamAddress: string;
  deny: string[];
  allow: string[];
  /** Hosts squid answers with `deny_info 302:` to `redirectTo`. */
  redirect: string[];
  redirectTo: string;
  /** Hosts squid answers with 407 Proxy Authentication Required (nobody holds credentials). */
  auth?: string[];
  /** `rate/bucket` (squid's delay_parameters, bytes per second / bucket bytes) → hosts. */
  throttle: Map<string, string[]>;
}

/** Squid's configuration: foreground-safe paths under `dir`, rules in docs/what-the-browser-sees.md. */
export function squidConfig(dir: string, r: SquidRules): string {
  const acl = (name: string, hosts: string[]) => (hosts.length ? [`acl ${name} dstdomain ${hosts.join(' ')}`] : []);
  const pools = [...r.throttle.entries()];
  return [
    `http_port 127.0.0.1:${r.port}`,
    `pid_filename ${dir}/squid.pid`,
    `cache_log ${dir}/cache.log`,
    `access_log stdio:${dir}/access.log squid`,
    `coredump_dir ${dir}`,
    'cache deny all',
    'shutdown_lifetime 0 seconds',
    'pinger_enable off',
    `hosts_file ${dir}/hosts`,
    // Without a nameserver that answers, squid waits dns_timeout on every unknown name.
    `dns_nameservers ${r.dnsAddress}`,
    'dns_timeout 5 seconds',
    'visible_hostname lab-proxy',
    ...acl('lab_deny', r.deny),
    ...acl('lab_redirect', r.redirect),
    ...(r.redirect.length ? [`deny_info 302:${r.redirectTo}?url=%u lab_redirect`, 'http_access deny lab_redirect'] : []),
    ...(r.deny.length ? ['http_access deny lab_deny'] : []),
    // A deny line ending in a proxy_auth ACL makes squid challenge with 407 (squid's http_access docs).
    ...(r.auth?.length
      ? [
          `auth_param basic program /usr/lib/squid/basic_ncsa_auth ${dir}/passwd`,
          'auth_param basic realm Corporate proxy (lab)',
          'acl lab_authed proxy_auth REQUIRED',
          ...acl('lab_auth', r.auth),
          'http_access deny lab_auth !lab_authed',
        ]
      : []),
    'http_access allow localhost',
    'http_access deny all',
    ...(pools.length ? [`delay_pools ${pools.length}`] : []),
    // New buckets start full (squid's default is half). Only per-client buckets honour this: see delayPoolLines.
    ...(pools.length ? ['delay_initial_bucket_level 100'] : []),
    ...pools.flatMap(([rateAndBucket, hosts], i) => [
      `acl lab_throttle_${i + 1} dstdomain ${hosts.join(' ')}`,
      ...delayPoolLines(i + 1, rateAndBucket),
      `delay_access ${i + 1} allow lab_throttle_${i + 1}`,
      `delay_access ${i + 1} deny all`,
    ]),
    '',
  ].join('\n');
}

/**
 * One delay pool, `rate/bucket` in bytes (docs/throughput.md, the lab's burst shaper). A plain rate is a
 * class 1 pool: one aggregate bucket. A burst allowance (bucket > rate) must be a class 2 pool with an
 * unlimited aggregate and the bucket per client: squid builds a class 1 pool's aggregate bucket when it
 * reads `delay_class`, before `delay_parameters` has sized it, so that bucket starts empty whatever
 * `delay_initial_bucket_level` says, and a "burst" would only be what refilled since squid started;
 * a client's class 2 bucket is built on its first request, already sized, at that level.
 */
export function delayPoolLines(pool: number, rateAndBucket: string): string[] {
  const [rate, bucket] = rateAndBucket.split('/').map(Number) as [number, number];
  if (bucket <= rate) return [`delay_class ${pool} 1`, `delay_parameters ${pool} ${rateAndBucket}`];
  return [`delay_class ${pool} 2`, `delay_parameters ${pool} -1/-1 ${rateAndBucket}`];
}

/**
 * Parses squid's `mgr:delay` page: per pool, its `Individual:` section (class 2) — `Max`, `Restore`
 * and `Current: <client key>:<level> …` or `Not used yet.` Class 1 pools (no burst) are left out.
 */
export function parseDelayBuckets(text: string): DelayBuckets[] {
  const pools: DelayBuckets[] = [];
  for (const block of text.split(/^Pool: /m).slice(1)) {
    const pool = Number(/^\d+/.exec(block)?.[0]);
    const individual = /Individual:\s*\n\s*Max: (\d+)\s*\n\s*Restore: (\d+)\s*\n\s*Current:([^\n]*)/.exec(block);
    if (!individual) continue;
    const levels = [...individual[3]!.matchAll(/\d+:(-?\d+)/g)].map((m) => Number(m[1]));
    pools.push({ pool, max: Number(individual[1]), restore: Number(individual[2]), levels });
  }
  return pools;
}

/** The per-client delay buckets of the squid on `port`, read from its cache manager (localhost may ask). */
export async function readDelayBuckets(port: number): Promise<DelayBuckets[]> {
  const response = await fetch(`http://127.0.0.1:${port}/squid-internal-mgr/delay`);
  if (!response.ok) throw new Error(`lab: squid's cache manager answered ${response.status} for mgr:delay`);
  return parseDelayBuckets(await response.text());
}

/** A running squid. */
export interface SquidProcess {
  pid: number;
  accessLog: string;
  stop(): Promise<void>;
}

const waitForPort = async (port: number, child: ChildProcess, cacheLog: string, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const log = existsSync(cacheLog) ? readFileSync(cacheLog, 'utf8').split('\n').slice(-15).join('\n') : '';
  child.kill('SIGKILL');
  throw new Error(`lab: squid did not start on port ${port}\n${log}`);
};

/** Starts squid in the foreground (-N) under `dir`, owned by `proxy` since squid drops to that user. */
export async function startSquid(dir: string, rules: SquidRules): Promise<SquidProcess> {
  mkdirSync(dir, { recursive: true });
  const hosts = [...rules.allow, ...rules.deny, ...rules.redirect, ...(rules.auth ?? []), ...[...rules.throttle.values()].flat()];
  writeFileSync(join(dir, 'hosts'), `${rules.upstreamAddress} ${hosts.join(' ')}\n`);
  writeFileSync(join(dir, 'passwd'), ''); // no credentials: every request is challenged
  const conf = join(dir, 'squid.conf');
  writeFileSync(conf, squidConfig(dir, rules));
  execFileSync('chown', ['-R', 'proxy:proxy', dir]);
  execFileSync('squid', ['-k', 'parse', '-f', conf], { stdio: 'pipe' });
  const child = spawn('squid', ['-N', '-d1', '-f', conf], { stdio: 'ignore' });
  await waitForPort(rules.port, child, join(dir, 'cache.log'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    accessLog: join(dir, 'access.log'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // Wait for the PID to exit: a second squid started too early dies with "already running".
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Parses squid's native access-log lines:
 * `time elapsed client code/status bytes method URL user hierarchy/peer type`.
 */
export function parseSquidLine(line: string): LabRequest | undefined {
  const f = line.trim().split(/\s+/);
  if (f.length < 7) return undefined;
  const [time, , , codeStatus, , method, url] = f as [string, string, string, string, string, string, string];
  if (method === '-') return undefined; // a bare TCP connect, e.g. the lab's own readiness probe
  const status = Number(codeStatus.split('/')[1]);
  let host = url;
  let path = '';
  if (method !== 'CONNECT') {
    try {
      const u = new URL(url);
      host = u.hostname;
      path = u.pathname + u.search;
    } catch { /* keep the raw text */ }
  } else host = url.replace(/:\d+$/, '');
  return { time: Math.round(Number(time) * 1000), server: 'squid', method, host, path, headers: {}, status };
}
