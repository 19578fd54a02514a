import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The layer check (`npm run check:layers`) must be able to fail: run it, with the repository's
// own configuration, on a tiny tree that breaks each rule once and keeps one import legal.
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'access-gap-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', strict: true } }),
  // Upward: a probe importing the verdict layer above it.
  'utils/probe/upward.ts': "import { verdict } from '../verdict/verdict';\nexport const upward = verdict;\n",
  // Legal: the verdict layer importing the probe layer below it.
  'utils/verdict/verdict.ts': "import { probe } from '../probe/probe';\nexport const verdict = probe;\n",
  'utils/probe/probe.ts': 'export const probe = 1;\n',
  // A cycle inside one layer.
  'utils/gap/one.ts': "import { two } from './two';\nexport const one = () => two;\n",
  'utils/gap/two.ts': "import { one } from './one';\nexport const two = () => one;\n",
  // The extension reaching into the tests.
  'utils/report/uses-fixture.ts': "import { fixture } from '../../tests/fixture';\nexport const used = fixture;\n",
  'tests/fixture.ts': 'export const fixture = 1;\n',
};

describe('layer check (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('fails on an upward import, an import cycle and an import of the tests, and only on those', async () => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // Exactly as `npm run check:layers` runs it; its exit code is the number of errors.
    const run = promisify(execFile)(join(root, 'node_modules/.bin/depcruise'), ['utils', 'tests', '--config', join(root, '.dependency-cruiser.cjs')], { cwd: dir });
    const failure = await run.then(() => null, (error: { code: number; stdout: string }) => error);
    expect(failure?.code).toBe(3);
    const found = [...(failure?.stdout ?? '').matchAll(/^\s*error ([\w-]+): (\S+) →/gm)].map((m) => `${m[1]}: ${m[2]}`).sort();
    expect(found).toEqual([
      'extension-not-from-tools: utils/report/uses-fixture.ts',
      'no-circular: utils/gap/one.ts',
      'no-upward-from-probe: utils/probe/upward.ts',
    ]);
  }, 120_000);
});
