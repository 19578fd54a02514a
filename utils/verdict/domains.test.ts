import { describe, expect, it } from 'vitest';
import { hostOf, isSameSite, isWithinDomain, registrableDomain } from './domains';

describe('registrableDomain', () => {
  it.each([
    ['www.youtube.com', 'youtube.com'],
    ['consent.youtube.com', 'youtube.com'],
    ['youtube.com', 'youtube.com'],
    ['WWW.YouTube.COM.', 'youtube.com'],
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['www.globo.com.br', 'globo.com.br'],
    ['www.yahoo.co.jp', 'yahoo.co.jp'],
    ['www.service-public.gouv.fr', 'service-public.gouv.fr'],
    ['www.abc.com.au', 'abc.com.au'],
    ['user.github.io', 'user.github.io'],
    ['scontent.xx.fbcdn.net', 'fbcdn.net'],
    ['co.uk', 'co.uk'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['blockpage.example.test', 'example.test'],
  ])('%s → %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

describe('isWithinDomain', () => {
  it.each([
    ['www.youtube.com', 'youtube.com', true],
    ['youtube.com', 'youtube.com', true],
    ['notyoutube.com', 'youtube.com', false],
    ['youtube.com.evil.test', 'youtube.com', false],
  ])('%s within %s → %s', (host, domain, expected) => {
    expect(isWithinDomain(host, domain)).toBe(expected);
  });
});

describe('isSameSite', () => {
  it.each([
    ['www.facebook.com', 'm.facebook.com', undefined, true],
    ['www.youtube.com', 'consent.youtube.com', undefined, true],
    ['www.youtube.com', 'accounts.google.com', undefined, false],
    ['www.youtube.com', 'accounts.google.com', ['youtube.com', 'google.com'], true],
    ['www.youtube.com', 'gateway.zscaler.net', ['youtube.com', 'google.com'], false],
    ['www.bbc.co.uk', 'www.other.co.uk', undefined, false],
    ['a.user.github.io', 'other.github.io', undefined, false],
  ] as const)('%s vs %s (domains %j) → %s', (a, b, domains, expected) => {
    expect(isSameSite(a, b, domains)).toBe(expected);
  });
});

describe('hostOf', () => {
  it('extracts a lower-case host and tolerates garbage', () => {
    expect(hostOf('https://WWW.Facebook.com:443/login')).toBe('www.facebook.com');
    expect(hostOf('not a url')).toBeUndefined();
    expect(hostOf(undefined)).toBeUndefined();
  });
});
