import { describe, expect, it } from 'vitest';
import { personalValuesIn, SQUIDGUARD_REDIRECT } from '../../tests/fixtures/personal-data';
import { scrubServiceVerdict } from './scrub-evidence';
import type { ServiceVerdict } from './types';

describe('scrubServiceVerdict (records stored before URLs were reduced)', () => {
  it('leaves no query string anywhere in the evidence', () => {
    const old: ServiceVerdict = {
      serviceId: 'facebook', verdict: 'blocked', mechanism: 'block-page',
      channels: [{
        channel: 'page', verdict: 'blocked', mechanism: 'block-page', reason: 'block-page-vendor',
        evidence: {
          url: 'https://www.facebook.com/?fbclid=jdoe', status: 200, finalHost: 'proxy.corp-gw.example',
          redirects: [{ from: 'https://www.facebook.com/', to: SQUIDGUARD_REDIRECT, status: 302 }],
          fingerprint: { id: 'squidguard', vendor: 'squidGuard', matched: `redirect path /cgi-bin/squidGuard.cgi?clientaddr=10.20.30.40` },
          timings: { totalMs: 3 },
          detail: `The request was redirected to a squidGuard block page (${SQUIDGUARD_REDIRECT}).`,
        },
      }],
    };
    expect(personalValuesIn(JSON.stringify(old))).not.toEqual([]);
    expect(personalValuesIn(JSON.stringify(scrubServiceVerdict(old)))).toEqual([]);
    expect(scrubServiceVerdict(scrubServiceVerdict(old))).toEqual(scrubServiceVerdict(old));
  });
});
