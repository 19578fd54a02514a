import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTROL_URLS } from '../../utils/probe/control';
import { parseCatalogFile } from '../../utils/catalog/import';
import type { Report } from '../../utils/report/types';
import { startLab } from '../../lab';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';

// `npm run audit` as a user runs it: a real process, its exit code, its output.
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'access-gap-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stderrLines = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('npm warn'));

function runAudit(args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/audit.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: stderrLines(r.stderr) };
}

/** Asynchronous, because the lab's servers run in this process and must keep answering. */
function runAuditAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string[] }> {
  return new Promise((done) => {
    const child = spawn('npx', ['tsx', 'scripts/audit.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr: stderrLines(stderr) }));
  });
}

const service = (over: Record<string, unknown>) => ({
  id: 'yt', name: 'YouTube', category: 'video', channels: { page: 'https://www.youtube.com/robots.txt' }, usage: [], ...over,
});
const catalogJson = (services: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ schemaVersion: 1, name: 'custom', version: '1', services, ...extra });

describe('npm run audit: bad input exits 2 with one line naming the problem', () => {
  it.each([
    ['wrong type', catalogJson([service({ name: 42 })]), /service "yt".*name/],
    ['unknown field', catalogJson([service({ colour: 'red' })]), /colour/],
    ['non-https URL', catalogJson([service({ channels: { page: 'http://www.youtube.com/' } })]), /page: not an https URL/],
    ['duplicate ids', catalogJson([service({}), service({})]), /duplicate id "yt"/],
    ['newer schema', catalogJson([service({})], { schemaVersion: 9 }), /schema version 9/],
  ])('%s', (_, text, message) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    const { code, stderr } = runAudit(['--catalog', file]);
    expect(code).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^bad\.json: /);
    expect(stderr[0]).toMatch(message);
  });

  it('a 50 MB file, refused before it is read', () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 0x20));
    const { code, stderr } = runAudit(['--catalog', file]);
    expect(code).toBe(2);
    expect(stderr).toEqual(['huge.json: file is 50 MB, over the 5 MB limit']);
  });

  it('a bad flag value', () => {
    const { code, stderr } = runAudit(['--timeout', 'soon']);
    expect(code).toBe(2);
    expect(stderr[0]).toMatch(/--timeout soon/);
  });
});

describe('npm run audit with a custom CSV catalog in the lab', () => {
  it('audits the CSV services, prints the table and the gap, writes the JSON report', async () => {
    const csv = [
      'id;name;category;page;media;population;share;metric;source;year;source_url',
      'yt;YouTube;video;https://www.youtube.com/robots.txt;https://i.ytimg.com/vi/x/default.jpg;FR;"50,0 %";monthly use;Test source;2024;https://example.org/a',
      'wa;WhatsApp Web;messaging;https://web.whatsapp.com/;;FR;"63,7 %";monthly use;Test source;2024;https://example.org/b',
      'lk;LinkedIn;social;https://www.linkedin.com/robots.txt;;FR;"25,3 %";monthly use;Test source;2024;https://example.org/c',
    ].join('\r\n');
    const file = join(dir, 'my.csv');
    writeFileSync(file, csv);
    const parsed = parseCatalogFile(csv, { fileName: 'my.csv' });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const lab = await startLab({
      catalog: parsed.catalog,
      controlUrls: CONTROL_URLS,
      scenario: { services: { wa: { treatments: { all: 'dns' }, expect: { verdict: 'blocked', mechanism: 'dns' } } } },
    });
    try {
      const out = join(dir, 'report.json');
      const browserArgs = lab.chromiumArgs.map((a) => `--browser-arg=${a}`);
      const { code, stdout } = await runAuditAsync(['--catalog', file, ...browserArgs, '--timeout', '4000', '--population', 'FR', '--json', out]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/WhatsApp Web\s+messaging\s+63\.7 %\s+blocked\s+dns/);
      expect(stdout).toMatch(/Gap score \(FR\): 45\.8 % of customer usage is blocked/);
      const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
      expect(report.schemaVersion).toBe(1);
      expect(report.catalog.name).toBe('my');
      expect(report.catalog.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.fromEntries(report.services.map((s) => [s.id, s.verdict]))).toEqual({ yt: 'reachable', wa: 'blocked', lk: 'reachable' });
    } finally {
      await lab.stop();
    }
  });
});

describe('npm run audit prints a Calls section', () => {
  it("per call service: the call verdict, its mechanism, the server tried, and why; a service without a call endpoint says why", async () => {
    // The call lab's relays (lab/call-lab.ts): Teams' answers, Meet's is silenced by the firewall.
    const ids = ['teams-free', 'google-meet', 'whatsapp'];
    const reference = referenceCatalog as Catalog;
    const catalog: Catalog = { ...reference, name: 'Calls', services: reference.services.filter((s) => ids.includes(s.id)) };
    const lab = await startLab({
      catalog,
      controlUrls: CONTROL_URLS,
      calls: true,
      scenario: { services: { 'google-meet': { treatments: { call: 'silent' }, expect: { verdict: 'partial', mechanism: 'timeout' }, expectWithoutCallLab: { verdict: 'reachable' } } } },
    });
    try {
      expect(lab.calls.running).toBe(true);
      const relay = (id: string) => (lab.calls.running ? lab.calls.relays.find((r) => r.serviceId === id)!.url : '');
      const file = join(dir, 'calls.json');
      writeFileSync(file, JSON.stringify(lab.catalog)); // call endpoints at the lab's relays
      const browserArgs = lab.chromiumArgs.map((a) => `--browser-arg=${a}`);
      const { code, stdout } = await runAuditAsync(['--catalog', file, ...browserArgs, '--timeout', '4000', '--json', join(dir, 'calls-report.json')]);
      expect(code).toBe(0);
      const section = stdout.slice(stdout.indexOf('\nCalls:\n'));
      expect(section.split('\n')[2]).toMatch(/^service\s+call\s+mechanism\s+server tried\s+why$/);
      const row = (name: string) => section.split('\n').find((l) => l.startsWith(name)) ?? '';
      const address = (url: string) => /^\w+:([\d.]+:\d+)/.exec(url)![1]!.replaceAll('.', '\\.');
      expect(row('Microsoft Teams')).toMatch(new RegExp(`\\breachable\\s+TURN ${address(relay('teams-free'))} \\(UDP\\)\\s+The TURN server `));
      expect(row('Google Meet')).toMatch(new RegExp(`\\bblocked\\s+timeout\\s+STUN ${address(relay('google-meet'))} \\(UDP\\)\\s+The STUN server .* never answered our STUN Binding request`));
      expect(row('WhatsApp Web')).toMatch(/\bnot probed\s+WhatsApp publishes no STUN\/TURN/);
    } finally {
      await lab.stop();
    }
  });
});
