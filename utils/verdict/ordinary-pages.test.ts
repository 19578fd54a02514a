import { describe, expect, it } from 'vitest';
import { classifyObservation } from './classify-observation';
import { classifyChannel } from './classify-channel';
import { ordinaryPages } from '../../tests/fixtures/field-test-pages';

const pages = ordinaryPages();

describe('ordinary pages (tests/fixtures/ordinary-pages) are never block pages', () => {
  it('covers every kind the issue names', () => {
    expect(new Set(pages.map((p) => p.kind))).toEqual(new Set(['home', 'login', 'cdn-challenge', 'region', 'help']));
  });

  it.each(pages.map((p) => [`${p.file} (${p.imitates})`, p] as const))('%s', (_name, page) => {
    const v = classifyObservation(page.obs, page.serviceDomains ?? []);
    expect(v.verdict, v.evidence.detail).toBe('reachable');
    expect(v.mechanism).toBeUndefined();
    // Nor restricted: YouTube's home page shows its own Restricted Mode switch, off.
    expect(classifyChannel([page.obs], { controlOk: true, serviceDomains: page.serviceDomains ?? [] }).verdict).toBe('reachable');
  });
});
