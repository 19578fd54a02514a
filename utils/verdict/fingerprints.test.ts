import { describe, expect, it } from 'vitest';
import { FINGERPRINTS, matchVendorFingerprint } from './fingerprints';
import { viewOf } from './response-view';
import { pageObs, SQUID_DENY_PAGE, type PageParts } from '../../tests/fixtures/observations';

const match = (parts: PageParts) => matchVendorFingerprint(viewOf(pageObs(parts)));

/** [vendor id, a page it must recognise, a near miss it must not]. */
const CASES: [string, PageParts, PageParts][] = [
  ['squidguard', { redirectTo: 'http://filter.corp.test/cgi-bin/squidGuard.cgi?clientaddr=10.0.0.5&url=http://www.youtube.com/' },
    { body: '<p>How to install squidGuard on Debian</p>' }],
  ['squidguard', { body: '<form action="/sgerror.php"><p>Denied</p></form>' },
    { redirectTo: 'http://filter.corp.test/sg/error.html' }],
  ['squid', { status: 403, headers: { server: 'squid/5.7', 'x-squid-error': 'ERR_ACCESS_DENIED 0' } },
    { headers: { server: 'squid/5.7' }, title: 'YouTube' }],
  ['squid', { status: 403, title: 'ERROR: The requested URL could not be retrieved', body: SQUID_DENY_PAGE },
    { title: 'ERROR: The requested URL could not be retrieved', body: 'Our app failed, sorry.' }],
  ['zscaler', { redirectTo: 'https://gateway.zscalertwo.net/policy?url=www.youtube.com' },
    { redirectTo: 'https://www.zscaler.com/products' }],
  ['zscaler', { redirectTo: 'https://gateway.zscaler.net/block' }, { body: 'Zscaler announces quarterly results' }],
  ['zscaler', { title: 'Website blocked', body: '<p>Not allowed to browse this category</p><footer>Internet Security by <b>Zscaler</b></footer>' },
    { body: 'Internet security by cloud vendors such as Zscaler' }],
  ['paloalto', { redirectTo: 'https://fw.corp.test:6082/php/urlblock.php?args=AAAA&url=www.youtube.com' },
    { redirectTo: 'https://fw.corp.test:6082/php/index.php' }],
  ['paloalto', { title: 'Web Page Blocked', body: 'Access to the web page you were trying to visit has been blocked in accordance with company policy.' },
    { body: 'Data is retained in accordance with company policy.' }],
  ['fortinet', { title: 'Web Filter Violation', body: '<p>The page you have requested has been blocked.</p><p>Powered By FortiGuard</p>' },
    { body: 'FortiGuard Labs threat research report' }],
  ['fortinet', { title: 'FortiGuard Intrusion Prevention - Access Blocked' }, { title: 'FortiGuard Intrusion Prevention datasheet' }],
  ['forcepoint', { redirectTo: 'http://10.0.0.1:15871/cgi-bin/blockpage.cgi?ws-session=123' },
    { redirectTo: 'http://10.0.0.1:15871/cgi-bin/status.cgi' }],
  ['forcepoint', { headers: { via: '1.1 proxy1 (forcepoint-wcg/8.5.4)' } }, { headers: { via: '1.1 varnish' } }],
  ['bluecoat', { redirectTo: 'http://notify.bluecoat.com/notify-Notify_Blocked?url=www.youtube.com' },
    // Any redirect to notify.bluecoat.com is a notification (OONI cl.prod_bluecoat_notify_forward): the near miss is the vendor's site.
    { redirectTo: 'https://www.bluecoat.com/products' }],
  ['cisco-wsa', { headers: { via: '1.1 wsa.corp.test:80 (Cisco-WSA/14.0.2-012)' } }, { headers: { via: '1.1 cisco-router' } }],
  ['cisco-umbrella', { redirectTo: 'https://block.opendns.com/?url=www.youtube.com&server=ams1' },
    { redirectTo: 'https://www.opendns.com/' }],
  ['cisco-umbrella', { body: 'This site is blocked due to content filtering.' }, { body: 'Content filtering explained by OpenDNS.' }],
  ['checkpoint', { title: 'Check Point UserCheck', body: 'Access to this site is blocked.' }, { body: 'Check Point firewall release notes' }],
  ['checkpoint', { redirectTo: 'https://gw.corp.test/UserCheck/PortalMain?IID=%7B1234%7D&origUrl=aHR0cA' },
    { redirectTo: 'https://gw.corp.test/UserCheck/help' }],
  ['sonicwall', { status: 200, headers: { server: 'SonicWALL' }, title: 'Web Site Blocked' },
    { headers: { server: 'nginx' }, body: 'Buy SonicWall firewalls here' }],
  ['barracuda', { headers: { server: 'Barracuda/NGFirewall' } }, { headers: { server: 'nginx' }, body: 'Barracuda Networks' }],
  ['sophos', { title: 'Access denied', body: 'Your request was blocked by the Sophos Web Appliance.' },
    { body: 'Sophos Web Appliance end of life notice' }],
  ['sophos', { body: 'This page has been blocked by Sophos Firewall according to your organization policy.' },
    { body: 'Sophos Firewall v20 feature guide' }],
  ['sophos', { body: 'Access restricted — Cyberoam web filter' }, { body: 'Cyberoam was acquired by Sophos' }],
  ['netskope', { redirectTo: 'https://notify.eu.goskope.com/block?id=1' }, { redirectTo: 'https://www.netskope.com/' }],
  ['netskope', { body: 'Netskope — access to this application is blocked by your IT policy' }, { body: 'Netskope SASE overview' }],
  ['watchguard', { body: 'Request denied by WatchGuard HTTP Proxy. Reason: category denied' }, { body: 'WatchGuard Firebox HTTP Proxy guide' }],
  ['mcafee', { title: 'McAfee Web Gateway - Notification - Blocked by URL filtering' }, { body: 'McAfee antivirus renewal' }],
];

describe('vendor fingerprints', () => {
  it.each(CASES)('%s recognises its block page (%j)', (id, positive) => {
    expect(match(positive)?.id).toBe(id);
  });

  it.each(CASES)('%s near miss is not a block page (%#)', (_id, _positive, nearMiss) => {
    expect(match(nearMiss)).toBeUndefined();
  });

  it('covers every vendor docs/methodology.md names', () => {
    expect(new Set(CASES.map(([id]) => id))).toEqual(new Set(FINGERPRINTS.map((f) => f.id)));
    expect(FINGERPRINTS.map((f) => f.id)).toHaveLength(16);
  });

  it('reports vendor and the signal that matched', () => {
    expect(match({ headers: { via: '1.1 wsa.corp.test:80 (Cisco-WSA/14.0.2-012)' } })).toEqual({
      id: 'cisco-wsa',
      vendor: 'Cisco WSA',
      matched: 'header via: 1.1 wsa.corp.test:80 (Cisco-WSA/14.0.2-012)',
    });
    expect(match({ redirectTo: 'https://gateway.zscaler.net/block' })?.matched).toBe('redirect host gateway.zscaler.net');
  });

  it('prefers squidGuard over plain squid when both show', () => {
    expect(match({ headers: { 'x-squid-error': 'ERR_ACCESS_DENIED 0' }, redirectTo: 'http://f.corp.test/squidGuard.cgi' })?.id).toBe('squidguard');
  });

  it('ignores the original request URL (only redirect targets and the final URL count)', () => {
    expect(match({ url: 'https://gateway.zscaler.net/' })).toBeUndefined();
  });

  it.each([
    ['a default nginx page', { title: 'Welcome to nginx!' }],
    ['a 502 Bad Gateway page', { status: 502, title: '502 Bad Gateway', body: '<center>nginx</center>' }],
    ['a Cloudflare challenge', { status: 403, headers: { server: 'cloudflare', 'cf-mitigated': 'challenge' }, title: 'Just a moment...' }],
    ['an ordinary service page', { title: 'YouTube', body: 'Enjoy the videos and music you love' }],
  ] as [string, PageParts][])('does not match %s', (_name, parts) => {
    expect(match(parts)).toBeUndefined();
  });
});
