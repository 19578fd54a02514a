import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { catalogWithRelays, plannedRelays, relayUrl } from '../../lab/call-lab';
import { loadScenario, withoutCallTreatments } from '../../lab/scenario';
import type { Scenario } from '../../lab/types';

// The call lab's per-service relays and the scenario's `call` treatments (lab/call-lab.ts).
const reference = referenceCatalog as Catalog;
const corporate = resolve(import.meta.dirname, '../../lab/scenarios/corporate.json');
const meetSilent: Scenario = {
  services: {
    'google-meet': {
      treatments: { call: 'silent' },
      expect: { verdict: 'partial', mechanism: 'timeout' },
      expectWithoutCallLab: { verdict: 'reachable' },
    },
  },
};

describe('relays per call service', () => {
  it('plans one relay per catalog call endpoint, with the scenario treatment (ok by default)', () => {
    expect(plannedRelays({ catalog: reference, scenario: meetSilent }).map((r) => [r.serviceId, r.treatment])).toEqual([
      ['messenger', 'ok'],
      ['teams-free', 'ok'],
      ['google-meet', 'silent'],
    ]);
    expect(plannedRelays({})).toEqual([]);
  });

  it('refuses a call treatment on a service without a call endpoint', () => {
    const zoom: Scenario = { services: { zoom: { treatments: { call: 'silent' }, expect: { verdict: 'partial' }, expectWithoutCallLab: { verdict: 'reachable' } } } };
    expect(() => plannedRelays({ catalog: reference, scenario: zoom })).toThrow(/without a catalog call endpoint: zoom/);
  });

  it("keeps the catalog URL's scheme and transport, on the relay's address and coturn's port", () => {
    expect(relayUrl('turn:worldaz.tr.teams.microsoft.com:3478?transport=udp', '10.1.2.10')).toBe('turn:10.1.2.10:3478?transport=udp');
    expect(relayUrl('stun:stun.l.google.com:19302', '10.1.2.11')).toBe('stun:10.1.2.11:3478');
    expect(relayUrl('turns:relay.example.com:443?transport=tcp', '10.1.2.12')).toBe('turn:10.1.2.12:3478?transport=tcp');
    expect(() => relayUrl('https://example.com/', '10.1.2.13')).toThrow(/not a stun: or turn: URL/);
  });

  it('points only the call endpoints at the relays', () => {
    const relays = [{ serviceId: 'google-meet', catalogUrl: 'stun:stun.l.google.com:19302', url: 'stun:10.1.2.11:3478', treatment: 'silent' as const }];
    const audited = catalogWithRelays(reference, relays);
    const meet = audited.services.find((s) => s.id === 'google-meet')!;
    expect(meet.channels).toEqual({ ...reference.services.find((s) => s.id === 'google-meet')!.channels, call: 'stun:10.1.2.11:3478' });
    expect(audited.services.find((s) => s.id === 'teams-free')).toBe(reference.services.find((s) => s.id === 'teams-free'));
  });
});

describe('call treatments in scenarios', () => {
  it('refuses an unknown call treatment and one without expectWithoutCallLab', () => {
    const bad = (entry: object) => loadScenario({ services: { 'google-meet': { expect: { verdict: 'reachable' }, ...entry } } } as unknown as Scenario);
    expect(() => bad({ treatments: { call: 'dns' } })).toThrow(/call treatment "dns" \(call treatments: ok, silent\)/);
    expect(() => bad({ treatments: { call: 'silent' } })).toThrow(/no expectWithoutCallLab/);
  });

  it('without the call lab, call treatments are dropped and their services expected as expectWithoutCallLab says', () => {
    const plain = withoutCallTreatments(meetSilent);
    expect(plain.services['google-meet']?.treatments).toEqual({});
    expect(plain.services['google-meet']?.expect).toEqual({ verdict: 'reachable' });
  });

  it('the demo network throttles a video service and bans one call service while another answers', () => {
    const scenario = loadScenario(corporate);
    const expected = (id: string) => scenario.services[id]?.expect;
    expect(expected('netflix')?.channels?.media?.verdict).toBe('throttled');
    expect(reference.services.find((s) => s.id === 'netflix')?.category).toBe('video');
    expect(scenario.services['google-meet']?.treatments.call).toBe('silent');
    expect(expected('google-meet')?.channels?.realtime).toEqual({ verdict: 'blocked', mechanism: 'timeout' });
    expect(scenario.services['teams-free']?.treatments.call).toBe('ok');
    // Without the call lab, nothing answers: the call is inconclusive, never blocked.
    expect(withoutCallTreatments(scenario).services['google-meet']?.expect.channels?.realtime).toEqual({ verdict: 'inconclusive' });
  });
});
