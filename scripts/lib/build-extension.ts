import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROME_BUILD_DIR = join(ROOT, '.output/chrome-mv3');
const SOURCES = ['entrypoints', 'utils', 'components', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Build the Chrome extension when the build is missing or older than its sources. */
export function ensureExtensionBuilt(log: (line: string) => void = console.error): string {
  const manifest = join(CHROME_BUILD_DIR, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  if (built < newest) {
    log('Building the extension (wxt build)…');
    // Output only on failure: the build's spinner would otherwise garble the lines printed after it.
    try {
      execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`wxt build failed:\n${stdout.toString()}${stderr.toString()}`);
    }
  }
  return CHROME_BUILD_DIR;
}
