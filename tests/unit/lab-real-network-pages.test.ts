import { describe, expect, it } from 'vitest';
import { blockPage } from '../../lab/pages';
import { restrictionCheckPage } from '../../lab/restricted-modes';
import { classifyChannel } from '../../utils/verdict/classify-channel';
import { matchVendorFingerprint } from '../../utils/verdict/fingerprints';
import { viewOf } from '../../utils/verdict/response-view';
import { okObs } from '../fixtures/observations';

const ctx = { controlOk: true };
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

describe('the lab pages of the restricted-mode and unknown-vendor scenarios classify as the scenarios expect', () => {
  it('unknown-fr: a French block page no fingerprint knows is caught by the generic rule, naming no vendor', () => {
    const page = blockPage('unknown-fr', 'https://www.dailymotion.com/');
    const obs = okObs('https://www.dailymotion.com/', page.status, { bodySnippet: String(page.body), title: titleOf(String(page.body)), headers: page.headers });
    expect(matchVendorFingerprint(viewOf(obs))).toBeUndefined();
    const v = classifyChannel([obs], ctx);
    expect(v).toMatchObject({ verdict: 'blocked', mechanism: 'block-page', reason: 'block-page-generic' });
    expect(v.evidence.fingerprint).toMatchObject({ id: 'generic', vendor: 'unknown' });
    expect(v.evidence.fingerprint?.matched).toBe('title "non autorisé" + text "votre service informatique"');
  });

  it.each([
    ['dns', 'restricted-youtube-dns'],
    ['header', 'restricted-youtube-header'],
  ] as const)('YouTube’s check page with %s restrictions on ⇒ partial, restricted (%s)', (via, reason) => {
    const page = restrictionCheckPage(via);
    const obs = okObs('https://www.youtube.com/check_content_restrictions?hl=en', 200, { bodySnippet: String(page.body), title: titleOf(String(page.body)) });
    expect(classifyChannel([obs], ctx)).toMatchObject({ verdict: 'partial', mechanism: 'restricted', reason });
  });

  it('the same check page with no restriction is plain reachable', () => {
    const page = restrictionCheckPage('none');
    const obs = okObs('https://www.youtube.com/check_content_restrictions?hl=en', 200, { bodySnippet: String(page.body) });
    expect(classifyChannel([obs], ctx).verdict).toBe('reachable');
  });
});
