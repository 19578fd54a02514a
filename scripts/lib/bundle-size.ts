import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROME_BUILD_DIR } from './build-extension';

export interface EntrypointSize {
  /** Sum of each file's gzip size (level 9), in bytes: what the page loads, compressed. */
  gzipBytes: number;
  /** Files counted, relative to the build directory. */
  files: string[];
}

/** Static imports between built chunks (`import"./x.js"`, `from"./x.js"`); dynamic `import()` is not loaded up front. */
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;

/**
 * Gzip size of one HTML entrypoint of the built extension (`popup`, `dashboard`…):
 * its scripts, stylesheets and modulepreloads, plus every chunk they import
 * statically. Build first (`npx wxt build`). Used by `npm run bench` for
 * `popup.gzip: X kB` and `dashboard.gzip: X kB`.
 */
export function gzipSizeOfEntrypoint(name: string, buildDir: string = CHROME_BUILD_DIR): EntrypointSize {
  const htmlPath = join(buildDir, `${name}.html`);
  if (!existsSync(htmlPath)) throw new Error(`${name}.html is not in ${buildDir}: run \`npx wxt build\` first`);
  const html = readFileSync(htmlPath, 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const files = new Set<string>();
  while (queue.length) {
    const file = posix.normalize(queue.pop()!);
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(buildDir, file), 'utf8');
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
      queue.push(spec!.startsWith('/') ? spec!.slice(1) : posix.join(dirname(file), spec!));
    }
  }
  let gzipBytes = 0;
  for (const file of files) gzipBytes += gzipSync(readFileSync(join(buildDir, file)), { level: 9 }).length;
  return { gzipBytes, files: [...files].sort() };
}

/** `popup.gzip: 15.8 kB`, the bench's line format. */
export function formatGzipLine(name: string, size: EntrypointSize): string {
  return `${name}.gzip: ${(size.gzipBytes / 1000).toFixed(1)} kB`;
}
