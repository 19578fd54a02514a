import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The permission list is part of what a security reviewer signs off: docs/permissions.md justifies
// each entry and the warning it shows. Pinning the built manifest makes a new permission a
// deliberate change (this test, the doc and the store listing change together).
const ROOT = resolve(import.meta.dirname, '../..');
const manifest = () => JSON.parse(readFileSync(join(ROOT, '.output/chrome-mv3/manifest.json'), 'utf8')) as Record<string, unknown>;

describe('Chrome manifest', () => {
  it('asks for exactly the permissions docs/permissions.md justifies', () => {
    const m = manifest();
    expect([...(m.permissions as string[])].sort()).toEqual(
      ['alarms', 'declarativeNetRequestWithHostAccess', 'dns', 'offscreen', 'storage', 'unlimitedStorage', 'webNavigation', 'webRequest'].sort(),
    );
    expect(m.host_permissions).toEqual(['<all_urls>']);
    expect(m.optional_permissions ?? []).toEqual([]);
    expect(m.optional_host_permissions ?? []).toEqual([]);
    // No content script: no page the employee visits is ever read.
    expect(m.content_scripts ?? []).toEqual([]);
  });

  it('has no permission that shows "Block content on any page", and every one is documented', () => {
    const m = manifest();
    expect(m.permissions).not.toContain('declarativeNetRequest');
    const doc = readFileSync(join(ROOT, 'docs/permissions.md'), 'utf8');
    const docFr = readFileSync(join(ROOT, 'docs/permissions.fr.md'), 'utf8');
    for (const p of m.permissions as string[]) {
      expect(doc, p).toContain(`\`${p}\``);
      expect(docFr, p).toContain(`\`${p}\``);
    }
  });

  it('the store listing justifies every permission in both languages, with a summary the stores accept', () => {
    const m = manifest();
    for (const [file, heading, summary] of [['store/listing.en.md', 'Permission justifications', 'Short description'], ['store/listing.fr.md', 'Justification des autorisations', 'Description courte']] as const) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const section = (name: string) => text.split(/^## /m).find((s) => s.startsWith(name))?.slice(name.length) ?? '';
      const justified = [...section(heading).matchAll(/^- `([^`]+)`/gm)].map((x) => x[1]!.replace(/ \(.*\)$/, ''));
      for (const p of m.permissions as string[]) expect(justified, `${file}: ${p}`).toContain(p);
      expect(justified, file).toContain('host permissions');
      // The Chrome Web Store's summary field takes at most 132 characters.
      const short = section(summary).replace(/<!--[\s\S]*?-->/g, '').trim();
      expect(short.length, file).toBeGreaterThan(40);
      expect([...short].length, file).toBeLessThanOrEqual(132);
    }
  });
});
