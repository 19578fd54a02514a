import { describe, expect, it } from 'vitest';
import { classifiedObservation, evidenceUrl, scrubObservationUrls, scrubText } from './evidence-url';
import type { Observation } from './types';
import { personalValuesIn, SQUIDGUARD_REDIRECT } from '../../tests/fixtures/personal-data';

describe('evidenceUrl', () => {
  it.each([
    [SQUIDGUARD_REDIRECT, 'https://proxy.corp-gw.example/cgi-bin/squidGuard.cgi'],
    ['https://user:pw@portal.example:8443/login?next=/x&token=abc#t', 'https://portal.example:8443/login'],
    ['wss://edge-chat.facebook.com/chat?sid=1', 'wss://edge-chat.facebook.com/chat'],
    ['http://blockpage.example.test/?blocked=https://x', 'http://blockpage.example.test/'],
    ['turn:10.99.0.2:3478?transport=udp', 'turn:10.99.0.2:3478'],
    ['not a url?client=jdoe', 'not a url'],
  ])('%s → %s', (url, kept) => expect(evidenceUrl(url)).toBe(kept));
});

describe('scrubText', () => {
  it('removes the query and fragment of URLs inside sentences and fingerprint signals', () => {
    expect(scrubText(`The service redirected to its own ${SQUIDGUARD_REDIRECT} (login), not a block.`)).toBe(
      'The service redirected to its own https://proxy.corp-gw.example/cgi-bin/squidGuard.cgi (login), not a block.',
    );
    expect(scrubText('redirect path /cgi-bin/squidGuard.cgi?clientaddr=10.20.30.40')).toBe('redirect path /cgi-bin/squidGuard.cgi');
    expect(scrubText('text "Why am I blocked?"')).toBe('text "Why am I blocked?"');
  });
});

const observation: Observation = {
  serviceId: 'facebook', channel: 'page', kind: 'fetch', url: 'https://www.facebook.com/?ref=jdoe', startedAt: 1, status: 200,
  finalUrl: SQUIDGUARD_REDIRECT,
  redirects: [{ from: 'https://www.facebook.com/?ref=jdoe', to: SQUIDGUARD_REDIRECT, status: 302 }],
  headers: { location: SQUIDGUARD_REDIRECT, server: 'lab' },
  title: 'Access denied', bodySnippet: '<p>Client: 10.20.30.40 pc-jdoe CORP\\jdoe</p>', timeoutMs: 5000, timings: { totalMs: 3 },
};

describe('observations', () => {
  it('keep scheme, host and path of every URL they hold', () => {
    const { bodySnippet, ...rest } = scrubObservationUrls(observation);
    expect(personalValuesIn(JSON.stringify(rest))).toEqual([]);
    expect(JSON.stringify(rest)).not.toContain('#frag');
    expect(bodySnippet).toBe(observation.bodySnippet); // still needed to classify
  });

  it('a policy check passed on to the next URL of its chain keeps that URL without its query', () => {
    const navigation: Observation = {
      serviceId: 'youtube', channel: 'page', kind: 'navigation', url: 'https://www.youtube.com/?ref=jdoe', startedAt: 1, redirects: [],
      timeoutMs: 5000, timings: { totalMs: 3 }, passedOnTo: 'https://www.facebook.com/login?next=jdoe',
    };
    expect(scrubObservationUrls(navigation)).toMatchObject({ url: 'https://www.youtube.com/', passedOnTo: 'https://www.facebook.com/login' });
  });

  it('lose their body snippet once classified, and keep the title', () => {
    const kept = classifiedObservation(observation);
    expect(kept.bodySnippet).toBeUndefined();
    expect(kept.title).toBe('Access denied');
    expect(personalValuesIn(JSON.stringify(kept))).toEqual([]);
  });
});
