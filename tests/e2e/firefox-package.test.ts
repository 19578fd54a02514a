import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 9's packaging acceptance as a user checks it: the store package exists and
// Mozilla's own linter finds no error in it.
const ROOT = resolve(import.meta.dirname, '../..');

describe('Firefox package', () => {
  it('npm run zip:firefox produces a package, and web-ext lint reports 0 errors', () => {
    execFileSync('npm', ['run', 'zip:firefox'], { cwd: ROOT, stdio: 'pipe' });
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const zip = join(ROOT, '.output', `access-gap-${version}-firefox.zip`);
    expect(statSync(zip).size).toBeGreaterThan(10_000);

    const lint = spawnSync('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--output', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const result = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as { summary: { errors: number }; errors: { message: string }[] };
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.summary.errors).toBe(0);

    // The permission list is pinned as for Chrome (tests/e2e/manifest.test.ts; docs/permissions.md).
    const manifest = JSON.parse(readFileSync(join(ROOT, '.output/firefox-mv3/manifest.json'), 'utf8')) as Record<string, string[]>;
    expect([...manifest.permissions!].sort()).toEqual(
      ['alarms', 'declarativeNetRequestWithHostAccess', 'dns', 'storage', 'unlimitedStorage', 'webNavigation', 'webRequest', 'webRequestBlocking'].sort(),
    );
    expect(manifest.host_permissions).toEqual(['<all_urls>']);
    expect(manifest.content_scripts ?? []).toEqual([]);
  });
});
