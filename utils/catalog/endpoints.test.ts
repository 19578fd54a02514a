import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import reference from './reference.json';
import { CatalogSchema } from './schema';

const catalog = v.parse(CatalogSchema, reference);
const live = catalog.services.filter((s) => !s.retired);
const byId = (id: string) => catalog.services.find((s) => s.id === id)!;

/** Services whose use is watching or listening: the founding complaint's throttled video and music. */
const MEDIA_SERVICES = [...live.filter((s) => ['video', 'music'].includes(s.category)).map((s) => s.id), 'facebook', 'instagram', 'x', 'threads'];
const CALL_SERVICES = ['teams-free', 'google-meet', 'zoom', 'whatsapp', 'messenger', 'discord'];

describe('reference catalog endpoints (docs/endpoints.md)', () => {
  it('no media channel is a robots.txt, a favicon, an icon or a thumbnail: they cannot show a throttle', () => {
    for (const s of live) {
      const media = s.channels.media;
      if (media) expect(media, s.id).not.toMatch(/robots\.txt|favicon|\.ico$|\/thumb|\/vi\/|avatars|logo/i);
    }
  });

  it('every video, music and video-feed service has a media channel with its source, or says why not', () => {
    for (const id of MEDIA_SERVICES) {
      const s = byId(id);
      if (s.channels.media) expect(s.endpoints?.media?.source, id).toBeTruthy();
      else expect(s.endpoints?.noMedia, id).toMatch(/.{40}/);
    }
  });

  it('every media and call endpoint names its source; a service without one says so', () => {
    for (const s of live) {
      if (s.channels.media) expect(s.endpoints?.media?.source, `${s.id} media`).toBeTruthy();
      if (s.channels.call) expect(s.endpoints?.call?.source, `${s.id} call`).toBeTruthy();
      if (s.endpoints?.noMedia) expect(s.channels.media, s.id).toBeUndefined();
      if (s.endpoints?.noCall) expect(s.channels.call, s.id).toBeUndefined();
    }
    for (const id of CALL_SERVICES) {
      const s = byId(id);
      expect(s.channels.call ? s.endpoints?.call?.url : s.endpoints?.noCall, id).toBeTruthy();
    }
  });

  it('discovery only accepts hosts inside the service’s own domains', () => {
    for (const s of live) {
      for (const host of s.endpoints?.media?.discover?.hosts ?? []) {
        expect(s.domains?.some((d) => host === d || host.endsWith(`.${d}`)), `${s.id} ${host}`).toBe(true);
      }
    }
  });

  it('Netflix discovers its media URL at run time through fast.com, on its own video CDN', () => {
    const netflix = byId('netflix');
    expect(new URL(netflix.channels.media!).hostname).toBe('api.fast.com');
    expect(netflix.endpoints?.media?.discover).toEqual({ field: 'targets.0.url', hosts: ['nflxvideo.net'], rangeAfter: '/speedtest' });
  });
});
