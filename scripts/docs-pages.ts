import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/build-extension';
import { DOC_PAGES, renderDocPage } from './lib/doc-pages';

/**
 * Writes the privacy policy and the permissions page into the extension (`public/docs/`), from
 * their one source in `docs/`, so the dashboard can link to the very text the store listing links
 * to. `scripts/lib/doc-pages.test.ts` fails when a page is out of date: run `npm run docs:pages`.
 */
for (const page of DOC_PAGES) {
  const html = renderDocPage(page, readFileSync(join(ROOT, 'docs', page.source), 'utf8'));
  mkdirSync(join(ROOT, 'public/docs'), { recursive: true });
  writeFileSync(join(ROOT, 'public/docs', page.out), html);
  console.log(`public/docs/${page.out}`);
}
