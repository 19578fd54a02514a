import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatGzipLine, gzipSizeOfEntrypoint } from './bundle-size';

const dir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gzipSizeOfEntrypoint', () => {
  it('counts the page scripts, styles, preloads and their static imports, not dynamic ones', () => {
    mkdirSync(join(dir, 'chunks'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'popup.html'),
      '<script type="module" src="/chunks/popup-1.js"></script><link rel="modulepreload" href="/chunks/pre.js"><link rel="stylesheet" href="/assets/popup.css">',
    );
    writeFileSync(join(dir, 'chunks/popup-1.js'), 'import{a}from"./shared.js";import"./side.js";const l=()=>import("./lazy.js");');
    writeFileSync(join(dir, 'chunks/shared.js'), 'export const a=1;'.repeat(50));
    writeFileSync(join(dir, 'chunks/side.js'), 'console.log(1)');
    writeFileSync(join(dir, 'chunks/pre.js'), 'export const p=2');
    writeFileSync(join(dir, 'chunks/lazy.js'), 'x'.repeat(10_000));
    writeFileSync(join(dir, 'assets/popup.css'), 'body{color:red}');
    const size = gzipSizeOfEntrypoint('popup', dir);
    expect(size.files).toEqual(['assets/popup.css', 'chunks/popup-1.js', 'chunks/pre.js', 'chunks/shared.js', 'chunks/side.js']);
    expect(size.gzipBytes).toBeGreaterThan(50);
    expect(size.gzipBytes).toBeLessThan(600);
    expect(formatGzipLine('popup', { gzipBytes: 15_840, files: [] })).toBe('popup.gzip: 15.8 kB');
  });

  it('says to build first when the page is missing', () => {
    expect(() => gzipSizeOfEntrypoint('nope', dir)).toThrow(/wxt build/);
  });
});
