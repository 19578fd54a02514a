import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_PAGES, renderDocPage } from './doc-pages';

const ROOT = resolve(import.meta.dirname, '../..');

describe('docs shipped as extension pages', () => {
  for (const page of DOC_PAGES) {
    it(`public/docs/${page.out} is docs/${page.source} as it is now (else: npm run docs:pages)`, () => {
      const expected = renderDocPage(page, readFileSync(join(ROOT, 'docs', page.source), 'utf8'));
      expect(readFileSync(join(ROOT, 'public/docs', page.out), 'utf8')).toBe(expected);
      expect(expected).not.toMatch(/<script/i);
    });
  }

  it('keeps links between shipped pages, drops links to files the extension does not ship', () => {
    const html = renderDocPage(DOC_PAGES[0], '# T\n\n[perm](permissions.md) [readme](../README.md) [web](https://example.org/)');
    expect(html).toContain('<a href="permissions.en.html">perm</a>');
    expect(html).not.toContain('README.md');
    expect(html).toContain('<a href="https://example.org/">web</a>');
    expect(html.match(/<title>T<\/title>/)).not.toBeNull();
  });
});
