import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = '/usr/sbin/clickhouse-server';

/**
 * Debian's `clickhouse-server` (18.16): installed with apt when missing, as
 * scripts/ensure-lab-deps.ts does for the lab, and said so on stderr.
 */
export function ensureClickhouse(log: (line: string) => void = (l) => console.error(l)): void {
  if (existsSync(BINARY)) return;
  log('The ClickHouse tests need Debian\'s clickhouse-server, which is not installed: installing it with apt-get (about a minute)…');
  if (process.getuid?.() !== 0) throw new Error('cannot install clickhouse-server as a non-root user; run: sudo apt-get install -y clickhouse-server');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'clickhouse-server']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status ?? r.signal}); install clickhouse-server by hand`);
  }
  log('Installed clickhouse-server (the package\'s system service is not used: tests run their own server).');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RunningClickhouse {
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway ClickHouse on loopback: its own config, data and log directory in a
 * temporary folder, run as a child process (never the system service), removed on stop.
 */
export async function startClickhouse(): Promise<RunningClickhouse> {
  ensureClickhouse();
  const dir = mkdtempSync(join(tmpdir(), 'access-gap-clickhouse-'));
  for (const d of ['data', 'tmp', 'user_files', 'log']) mkdirSync(join(dir, d));
  const [http, tcp, interserver] = [await freePort(), await freePort(), await freePort()];
  writeFileSync(join(dir, 'users.xml'), `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`);
  writeFileSync(join(dir, 'config.xml'), `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <interserver_http_port>${interserver}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
</yandex>
`);
  const child = spawn(BINARY, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${http}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`clickhouse-server exited (${child.exitCode}): ${stderr}`);
    }
    try {
      if ((await fetch(`${url}/ping`)).ok) return { url, stop };
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`clickhouse-server did not answer on ${url} within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
