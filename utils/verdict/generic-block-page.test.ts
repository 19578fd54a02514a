import { describe, expect, it } from 'vitest';
import { findBlockWords, matchGenericBlockPage } from './generic-block-page';
import { viewOf } from './response-view';
import { pageObs, type PageParts } from '../../tests/fixtures/observations';

const generic = (parts: PageParts, domains?: string[]) => {
  const obs = pageObs(parts);
  return matchGenericBlockPage(viewOf(obs), new URL(obs.url).hostname, domains);
};

describe('findBlockWords', () => {
  it.each([
    ['Access denied', 'Access denied'],
    ['Access has been denied by your administrator', 'Access has been denied'],
    ['This site is blocked', 'This site is blocked'],
    ['The page was blocked.', 'blocked'],
    ['Violates the acceptable use policy', 'acceptable use policy'],
    ['Accès refusé', 'Accès refusé'],
    ['acces refuse', 'acces refuse'],
    ['Ce site web bloqué par votre entreprise', 'site web bloqué'],
    ['Catégorie bloquée', 'bloquée'],
    ['Navigation interdite', 'interdite'],
    ['Conformément à la politique de sécurité', 'politique de sécurité'],
    ["Selon la politique de l'entreprise", "politique de l'entreprise"],
  ])('%s → %s', (text, found) => {
    expect(findBlockWords(text)).toBe(found);
  });

  it.each([
    'Privacy Policy · Terms · Cookies',
    'Politique de confidentialité',
    'Sign in to continue to YouTube',
    'Unblocked games and blockbusters',
    'Pour bloquer les publicités, installez…',
    'Interdiction temporaire',
  ])('no block words in %j', (text) => {
    expect(findBlockWords(text)).toBeUndefined();
  });
});

describe('matchGenericBlockPage', () => {
  it('matches a foreign host whose page speaks of blocking (lab deny_info 302)', () => {
    expect(
      generic({
        url: 'http://www.facebook.com/',
        redirectTo: 'http://blockpage.corp-filter.test/?blocked=http://www.facebook.com/',
        title: 'Accès refusé',
        body: '<h1>Accès refusé</h1><p>Ce site est bloqué par la politique de sécurité.</p>',
      }),
    ).toEqual({ id: 'generic', vendor: 'unknown', matched: 'redirect host blockpage.corp-filter.test + text "Accès refusé"' });
  });

  it('does not match block words on the service’s own host without a pointer to the organisation', () => {
    expect(generic({ title: 'Access denied', body: 'Access denied' })).toBeUndefined();
  });

  it('matches a block page served in place (lab blockpage:generic-fr): blocking title + organisation words', () => {
    const body = "<h1>Accès refusé</h1><p>L'accès au site est bloqué par la politique de sécurité de votre entreprise.</p>";
    expect(generic({ title: 'Accès refusé', body })).toEqual({
      id: 'generic',
      vendor: 'unknown',
      matched: 'title "Accès refusé" + text "politique de sécurité"',
    });
    expect(generic({ title: 'Blocked', body: 'Blocked by your organization. Contact your IT help desk.' })?.id).toBe('generic');
  });

  it.each([
    ['an Akamai/CDN "Access Denied" page', { status: 403, title: 'Access Denied', body: 'You don\'t have permission to access "http://www.example.test/" on this server. Reference #18.2f1e' }],
    ['organisation words without a blocking title', { title: 'Careers', body: 'Join the company. Security policy and privacy.' }],
    ['a help article about geo-blocking', { title: 'Why is this video blocked? - Help', body: 'Videos can be blocked in your country by the uploader.' }],
  ] as [string, PageParts][])('does not match %s on the service host', (_name, parts) => {
    expect(generic(parts)).toBeUndefined();
  });

  it('does not match a same-site redirect (consent page)', () => {
    expect(generic({ redirectTo: 'https://consent.youtube.com/m?continue=x', body: 'Blocked cookies? Read our policy' })).toBeUndefined();
  });

  it('does not match a host inside the service’s declared domains', () => {
    const parts = { redirectTo: 'https://accounts.google.com/ServiceLogin', body: 'Your account is blocked' };
    expect(generic(parts, ['youtube.com', 'google.com'])).toBeUndefined();
    expect(generic(parts)?.id).toBe('generic');
  });

  it('does not match a foreign host without block words', () => {
    expect(generic({ redirectTo: 'https://www.example-cdn.test/', title: 'Welcome', body: 'Privacy policy' })).toBeUndefined();
  });
});
