import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import reference from './reference.json';
import { CatalogSchema, ServiceEntrySchema, isHostname } from './schema';
import { parseCatalog } from './parse';
import { CHANNELS } from './types';
import { ACTIVITIES } from './activities';
import { servicesWithFigures } from './usage-sources';

const catalog = v.parse(CatalogSchema, reference);
const live = catalog.services.filter((s) => !s.retired);

// The lab scenario refers to these ids and hosts: they must not drift.
const LAB_IDS = ['youtube', 'dailymotion', 'tiktok', 'whatsapp', 'messenger', 'facebook', 'instagram', 'x', 'linkedin', 'reddit', 'wikipedia', 'spotify'];

describe('reference catalog', () => {
  it.each(reference.services.map((s) => [s.id, s] as const))('%s validates', (_id, entry) => {
    expect(v.safeParse(ServiceEntrySchema, entry).issues).toBeUndefined();
  });

  it('parses through the import path too', () => {
    expect(parseCatalog(JSON.stringify(reference))).toMatchObject({ ok: true });
  });

  it('has at least 40 services in at least 10 categories', () => {
    expect(catalog.services.length).toBeGreaterThanOrEqual(40);
    expect(new Set(catalog.services.map((s) => s.category)).size).toBeGreaterThanOrEqual(10);
  });

  it('has at least 2 live services in every category', () => {
    const counts = new Map<string, number>();
    for (const s of live) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
    for (const [category, count] of counts) expect(count, category).toBeGreaterThanOrEqual(2);
    for (const s of catalog.services) expect(counts.has(s.category), s.id).toBe(true);
  });

  it('has unique ids, and keeps the ids the lab relies on', () => {
    const ids = catalog.services.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of LAB_IDS) expect(ids).toContain(id);
  });

  it('gives every usage figure a share, source, year, metric and https link', () => {
    for (const s of catalog.services) {
      for (const u of s.usage) {
        expect(u.share, s.id).not.toBeNull();
        expect(u.source.length, s.id).toBeGreaterThan(5);
        expect(u.year, s.id).toBeGreaterThanOrEqual(2022);
        expect(u.metric, s.id).not.toBe('');
        expect(u.url, `${s.id} ${u.source}`).toMatch(/^https:\/\//);
      }
    }
  });

  it('gives every category figure a share, source, year, metric and https link, for a category of the catalog', () => {
    const categories = new Set(live.map((s) => s.category));
    expect(ACTIVITIES.length).toBeGreaterThan(0);
    for (const a of ACTIVITIES) {
      expect(categories.has(a.category), a.category).toBe(true);
      expect(a.share).toBeGreaterThan(0);
      expect(a.share).toBeLessThanOrEqual(1);
      expect(a.source.length).toBeGreaterThan(5);
      expect(a.year).toBeGreaterThanOrEqual(2021);
      expect(a.metric).not.toBe('');
      expect(a.url).toMatch(/^https:\/\//);
    }
  });

  it('holds the number of live services with a published figure, per population', () => {
    // The issue aims at 32 per population, YouTube's French figure included. These are the
    // figures that could be found with their source, year and link (docs/usage-figures.md
    // and data/usage/searched.json record where the others were looked for): the floor
    // stops a source from being dropped by mistake, and rises as figures are added.
    expect(servicesWithFigures(catalog, 'FR')).toBeGreaterThanOrEqual(15);
    expect(servicesWithFigures(catalog, 'US')).toBeGreaterThanOrEqual(16);
  });

  it('has well-formed hostnames in every channel and domain', () => {
    for (const s of catalog.services) {
      for (const channel of CHANNELS) {
        const url = s.channels[channel];
        if (url) expect(isHostname(new URL(url).hostname), `${s.id} ${channel}`).toBe(true);
      }
      for (const d of s.domains ?? []) expect(isHostname(d), `${s.id} ${d}`).toBe(true);
    }
  });

  it('probes each live service on a host inside its own domains', () => {
    for (const s of live) {
      for (const channel of CHANNELS) {
        const url = s.channels[channel];
        if (!url) continue;
        const host = new URL(url).hostname;
        expect(s.domains?.some((d) => host === d || host.endsWith(`.${d}`)), `${s.id} ${host}`).toBe(true);
      }
    }
  });

  it('never probes the same host for two services', () => {
    // One blocked host would otherwise count against two services, and the lab gives each host one treatment.
    const owners = new Map<string, string>();
    for (const s of live) {
      for (const channel of CHANNELS) {
        const url = s.channels[channel];
        if (!url) continue;
        const host = new URL(url).hostname;
        const owner = owners.get(host);
        if (owner && owner !== s.id) expect.fail(`${host} is probed by ${owner} and ${s.id}`);
        owners.set(host, s.id);
      }
    }
  });

  it('lists retired services with a successor and no channels', () => {
    const retired = catalog.services.filter((s) => s.retired);
    expect(retired.map((s) => s.id).sort()).toEqual(['google-reader', 'google-talk', 'msn-messenger', 'netvibes', 'ning', 'skype', 'viadeo']);
    for (const s of retired) {
      expect(s.channels).toEqual({});
      expect(s.retired?.successor).toBeTruthy();
      if (s.retired?.successorId) expect(catalog.services.map((x) => x.id)).toContain(s.retired.successorId);
    }
  });

  it('keeps realtime endpoints for the messaging services docs/reference-figures.md names', () => {
    const realtime = (id: string) => catalog.services.find((s) => s.id === id)?.channels.realtime;
    expect(realtime('whatsapp')).toBe('wss://web.whatsapp.com/ws/chat');
    expect(realtime('messenger')).toBe('wss://edge-chat.facebook.com/chat');
    expect(realtime('telegram')).toBe('wss://pluto.web.telegram.org/apiws');
    expect(realtime('discord')).toMatch(/^wss:\/\/gateway\.discord\.gg\//);
  });
});
