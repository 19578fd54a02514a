import { describe, expect, it } from 'vitest';
import { pacScript } from '../../lab/pac';
import { headerRestriction } from '../../lab/restricted-modes';
import { parseTreatment } from '../../lab/scenario';

describe('lab pieces of the restricted-mode scenarios', () => {
  it('youtube-restrict-header takes the documented levels and spells the header value as Google does', () => {
    expect(parseTreatment('youtube-restrict-header:strict')).toEqual({ kind: 'youtube-restrict-header', level: 'Strict' });
    expect(parseTreatment('youtube-restrict-header:moderate')).toEqual({ kind: 'youtube-restrict-header', level: 'Moderate' });
    expect(() => parseTreatment('youtube-restrict-header:loose')).toThrow(/unknown treatment "youtube-restrict-header:loose"/);
    expect(parseTreatment('safesearch-dns')).toEqual({ kind: 'safesearch-dns' });
  });

  it('the lab’s YouTube reads the header as YouTube does: Strict or Moderate, any case; anything else restricts nothing', () => {
    expect(headerRestriction({ 'youtube-restrict': 'Strict' })).toBe('Strict');
    expect(headerRestriction({ 'youtube-restrict': ' moderate ' })).toBe('Moderate');
    expect(headerRestriction({ 'youtube-restrict': 'on' })).toBeUndefined();
    expect(headerRestriction({})).toBeUndefined();
  });

  it('the PAC sends each proxied host to its own proxy and everything else direct', () => {
    const pac = pacScript([{ hosts: ['www.dailymotion.com'], port: 3128 }, { hosts: ['www.youtube.com'], port: 4000 }]);
    const find = new Function(`${pac}; return FindProxyForURL;`)() as (url: string, host: string) => string;
    expect(find('https://www.youtube.com/', 'www.youtube.com')).toBe('PROXY 127.0.0.1:4000');
    expect(find('https://www.dailymotion.com/', 'www.dailymotion.com')).toBe('PROXY 127.0.0.1:3128');
    expect(find('https://www.google.com/', 'www.google.com')).toBe('DIRECT');
  });
});
