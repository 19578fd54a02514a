import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's privacy section promises "exactly what a report contains" (issue 13). Each field
// of the report, of its control and of a channel's evidence must be named there: a field added to
// the types without a word in the README fails here, and so does a README that drops one.
const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
const readme = read('README.md');
const section = readme.slice(readme.indexOf('**Exactly what a report contains**'), readme.indexOf('## Layout'));

/** The property names of `interface name { … }` in a source file (two-space indented members). */
function fieldsOf(source: string, name: string): string[] {
  const start = source.indexOf(`export interface ${name} `);
  const body = source.slice(source.indexOf('{', start) + 1, source.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]!);
}

/** How the README names each field (a backticked name, or the words it uses). */
const REPORT: Record<string, string> = {
  schema: '`schema`', schemaVersion: '`schemaVersion`', id: '`id` (random per audit)', status: '`status`', trigger: '`trigger`',
  startedAt: '`startedAt`', finishedAt: '`finishedAt`', tool: '`tool`', browser: '`browser`', tlsInspection: '`tlsInspection`',
  catalog: '`catalog` (name, version, hash, number of services)', site: '`site`', organisation: '`organisation`', installId: '`installId`',
  options: '`options` (timeout, concurrency)', control: '`control`', services: 'per service', gap: '`gap`',
};
const SERVICE: Record<string, string> = {
  id: '`id`', name: '`name`', category: '`category`', usage: 'usage figures with their sources', verdict: '`verdict`', mechanism: '`mechanism`', channels: 'per channel',
};
const CHANNEL: Record<string, string> = { channel: 'per channel', verdict: '`verdict`', mechanism: '`mechanism`', reason: '(`reason`)', evidence: 'with its evidence' };
const CONTROL: Record<string, string> = { ok: 'ok', reason: 'a reason when not', signIn: 'asked for a sign-in', checks: 'per control host' };
const EVIDENCE: Record<string, string> = {
  url: 'URL without query', netError: 'browser error', status: 'HTTP status', finalHost: 'final host', redirects: 'redirect hops',
  fingerprint: 'block-page fingerprint', tls: 'TLS inspector', timings: 'timings', detail: 'one English sentence',
  throughput: 'throughput figures', call: 'call-server answer', restriction: 'restricted mode',
};

describe("the README's privacy section names every field a report holds", () => {
  it.each([
    ['Report', fieldsOf(read('utils/report/types.ts'), 'Report'), REPORT],
    ['ReportService', fieldsOf(read('utils/report/types.ts'), 'ReportService'), SERVICE],
    ['ChannelVerdict', fieldsOf(read('utils/verdict/types.ts'), 'ChannelVerdict'), CHANNEL],
    ['Evidence', fieldsOf(read('utils/verdict/types.ts'), 'Evidence'), EVIDENCE],
  ] as const)('%s', (_name, fields, words) => {
    expect(fields.length).toBeGreaterThan(4);
    expect(fields.filter((f) => !(f in words)), 'fields the README does not describe yet').toEqual([]);
    expect(Object.values(words).filter((w) => !section.includes(w)), 'words missing from the README').toEqual([]);
  });

  it("control: the report's control object", () => {
    const source = read('utils/report/types.ts');
    const line = source.split('\n').find((l) => /^ {2}control: \{/.test(l))!;
    const fields = [...line.matchAll(/(?:\{|;) (\w+)\??:/g)].map((m) => m[1]!).filter((f) => !['portalHost', 'proxy'].includes(f));
    expect(fields).toEqual(Object.keys(CONTROL));
    expect(Object.values(CONTROL).filter((w) => !section.includes(w))).toEqual([]);
  });
});
