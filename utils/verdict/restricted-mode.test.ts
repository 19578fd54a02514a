import { describe, expect, it } from 'vitest';
import type { FetchObservation } from '../probe/types';
import { classifyChannel } from './classify-channel';
import { classifyService } from './classify-service';
import { computeGap } from '../gap/score';
import { detectRestriction } from './restricted-mode';
import { errorObs, okObs } from '../../tests/fixtures/observations';

const ctx = { controlOk: true, serviceDomains: ['youtube.com', 'google.com'] };
const yt = (over: Partial<FetchObservation> = {}) => okObs('https://www.youtube.com/check_content_restrictions?hl=en', 200, over);

/** YouTube's content-restrictions check page, as reported by a user behind a restricting DNS (docs/restricted-modes.md). */
const checkPage = (dns: 'on' | 'off', header: 'on' | 'off', level = 'Strict') => `<html><head><title>YouTube</title></head><body>
<h2>Restrictions on your organization network</h2><p>Restrictions on YouTube content set up by an administrator on your network</p>
<h3>DNS restrictions are ${dns}</h3>${dns === 'on' ? `<p>${level} restricted for www.youtube.com, m.youtube.com, youtube.googleapis.com, youtubei.googleapis.com, www.youtube-nocookie.com</p>` : ''}
<h3>HTTP header restrictions are ${header}</h3>${header === 'on' ? `<p>${level} restricted</p>` : ''}<p>Managed by Organization administrator</p>
<h2>Restrictions on your personal account</h2><h3>Restricted Mode off</h3><p>Managed by You</p></body></html>`;

describe('network-enforced restricted modes', () => {
  it.each([
    ['216.239.38.120', 'strict'],
    ['216.239.38.119', 'moderate'],
    ['2001:4860:4802:32::78', 'strict'],
    ['[2001:4860:4802:32::77]', 'moderate'],
  ])('YouTube answered from %s (Google’s restrict address) ⇒ partial, restricted, %s, by DNS', (ip, level) => {
    const v = classifyChannel([yt({ ip })], ctx);
    expect(v).toMatchObject({ verdict: 'partial', mechanism: 'restricted', reason: 'restricted-youtube-dns' });
    expect(v.evidence.restriction).toMatchObject({ service: 'youtube', level, via: 'dns' });
    expect(v.evidence.detail).toMatch(/^YouTube answered, but the network forces its Restricted Mode/);
  });

  it('Google Search answered from forcesafesearch.google.com’s address ⇒ SafeSearch forced by DNS', () => {
    const v = classifyChannel([okObs('https://www.google.com/robots.txt', 200, { ip: '216.239.38.120' })], ctx);
    expect(v).toMatchObject({ verdict: 'partial', mechanism: 'restricted', reason: 'restricted-safesearch-dns' });
    expect(v.evidence.restriction).toMatchObject({ service: 'google-search', via: 'dns' });
    expect(detectRestriction(okObs('https://www.google.fr/', 200, { ip: '216.239.38.120' }))?.service).toBe('google-search');
  });

  it('a redirect hop answered from the restrict address counts too', () => {
    const obs = yt({ redirects: [{ from: 'http://www.youtube.com/', to: 'https://www.youtube.com/', status: 307, ip: '216.239.38.119' }] });
    expect(detectRestriction(obs)?.level).toBe('moderate');
  });

  it.each([
    ['YouTube from an ordinary Google address', yt({ ip: '142.250.179.110' })],
    ['YouTube with no address (behind an explicit proxy)', yt()],
    ['another service that happens to use the address', okObs('https://www.example-news.test/', 200, { ip: '216.239.38.120' })],
    ['SafeSearch’s address for the moderate YouTube name on Google Search', okObs('https://www.google.com/', 200, { ip: '216.239.38.119' })],
  ])('%s is not restricted', (_name, obs) => {
    expect(detectRestriction(obs)).toBeUndefined();
    expect(classifyChannel([obs], ctx).verdict).toBe('reachable');
  });

  it('YouTube’s check page names DNS enforcement and the level', () => {
    const v = classifyChannel([yt({ bodySnippet: checkPage('on', 'off') })], ctx);
    expect(v).toMatchObject({ verdict: 'partial', mechanism: 'restricted', reason: 'restricted-youtube-dns' });
    expect(v.evidence.restriction).toMatchObject({ level: 'strict', via: 'dns' });
  });

  it('YouTube’s check page names header enforcement (a proxy adding YouTube-Restrict)', () => {
    const v = classifyChannel([yt({ bodySnippet: checkPage('off', 'on', 'Moderate') })], ctx);
    expect(v).toMatchObject({ verdict: 'partial', reason: 'restricted-youtube-header' });
    expect(v.evidence.restriction).toMatchObject({ level: 'moderate', via: 'header' });
  });

  it('YouTube’s player and search notices name the network administrator', () => {
    const body = '<div>Video unavailable</div><div>This video is restricted. Please check the Google Workspace administrator and/or the network administrator restrictions.</div>';
    expect(classifyChannel([yt({ bodySnippet: body })], ctx).reason).toBe('restricted-youtube-page');
  });

  it.each([
    ['no restriction on the check page', yt({ bodySnippet: checkPage('off', 'off') })],
    ['the text quoted by another site', okObs('https://forum.example.test/t/1', 200, { bodySnippet: checkPage('on', 'off') })],
    ['YouTube’s own Restricted Mode switch, off', yt({ bodySnippet: '<span>Restricted Mode: Off</span>' })],
  ])('%s is not restricted', (_name, obs) => {
    expect(classifyChannel([obs], ctx).verdict).toBe('reachable');
  });

  it('a blocked or failed channel stays what it is', () => {
    expect(classifyChannel([errorObs('https://www.youtube.com/', 'net::ERR_NAME_NOT_RESOLVED')], ctx).verdict).toBe('blocked');
    expect(classifyChannel([yt({ status: 403, headers: { 'x-squid-error': 'ERR_ACCESS_DENIED 0' }, ip: '216.239.38.120' })], ctx).mechanism).toBe('proxy');
  });

  it('makes the service partial with mechanism restricted, counted as degraded in the gap', () => {
    const page = classifyChannel([yt({ ip: '216.239.38.120' })], ctx);
    const media = classifyChannel([okObs('https://i.ytimg.com/vi/x/default.jpg', 200, { channel: 'media' })], ctx);
    const service = classifyService('youtube', [page, media]);
    expect(service).toMatchObject({ verdict: 'partial', mechanism: 'restricted' });
    const catalog = {
      schemaVersion: 1 as const, name: 't', version: '1',
      services: [{ id: 'youtube', name: 'YouTube', category: 'video', channels: { page: 'https://www.youtube.com/' }, usage: [{ population: 'FR' as const, share: 0.8, metric: 'm', source: 's', year: 2024 }] }],
    };
    const gap = computeGap(catalog, [service], 'FR');
    expect(gap.overall.ids.degraded).toEqual(['youtube']);
    expect(gap.overall.blockedShare).toBe(0);
  });
});
