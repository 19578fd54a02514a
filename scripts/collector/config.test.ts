import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCommand } from './config';

const files: Record<string, string> = {
  '/etc/ag/creds.json': JSON.stringify({ upload: ['Bearer upload-1234'], read: ['Bearer read-12345'], uploadBySite: { 'Paris HQ': 'Bearer paris-1234' } }),
  '/etc/ag/shared.json': JSON.stringify({ upload: ['Bearer same-12345'], read: ['Bearer same-12345'] }),
};
const read = (p: string) => files[p] ?? '';

describe('collector command line', { timeout: 30_000 }, () => {
  it('refuses secrets in argv (they show in ps) and takes them from the environment or a file', () => {
    expect(() => parseCommand(['--auth', 'Bearer x'], {}, read)).toThrow(/--auth is refused: a secret on the command line is visible/);
    expect(() => parseCommand(['serve', '--read-auth=Bearer x'], {}, read)).toThrow(/--read-auth is refused/);
    expect(parseCommand([], { ACCESS_GAP_UPLOAD_AUTH: 'Bearer u1\nBearer u2', ACCESS_GAP_READ_AUTH: 'Bearer r' }, read)).toMatchObject({
      command: 'serve', credentials: { upload: ['Bearer u1', 'Bearer u2'], read: ['Bearer r'] },
    });
    expect(parseCommand(['--credentials-file', '/etc/ag/creds.json'], {}, read)).toMatchObject({
      credentials: { upload: ['Bearer upload-1234'], read: ['Bearer read-12345'], uploadBySite: { 'Paris HQ': 'Bearer paris-1234' } },
    });
  });

  it('refuses a read credential that is also an upload one, and a password in the ClickHouse URL', () => {
    expect(() => parseCommand(['--credentials-file', '/etc/ag/shared.json'], {}, read)).toThrow(/must never read/);
    expect(() => parseCommand(['--clickhouse', 'http://u:p@127.0.0.1:8123'], {}, read)).toThrow(/ACCESS_GAP_CLICKHOUSE_PASSWORD/);
    expect(parseCommand(['--clickhouse', 'http://ag@127.0.0.1:8123/'], { ACCESS_GAP_CLICKHOUSE_PASSWORD: 'pw' }, read)).toMatchObject({
      clickhouse: { url: 'http://127.0.0.1:8123', user: 'ag', password: 'pw' },
    });
  });

  it('parses migrate and export', () => {
    expect(parseCommand(['migrate', '--from', 'old', '--dir', 'db'], {}, read)).toEqual({ command: 'migrate', from: 'old', dir: 'db' });
    expect(parseCommand(['export', '--dir', 'db', '--out', 'pq'], {}, read)).toEqual({ command: 'export', dir: 'db', out: 'pq' });
    expect(() => parseCommand(['export', '--dir', 'db'], {}, read)).toThrow(/--out/);
    expect(() => parseCommand(['--port', '99999'], {}, read)).toThrow(/--port must be/);
  });

  it('exits with a message when started with a secret on the command line', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/collector.ts', '--auth', 'Bearer visible-in-ps'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--auth is refused/);
  }, 60_000);
});
