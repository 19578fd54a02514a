import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import type { Report } from '../../utils/report/types';
import { runHeadlessAudit } from '../../scripts/lib/run-headless-audit';
import { checkAgainstScenario } from '../../scripts/lib/scenario-check';
import { startLab, type Lab, type Scenario } from '../../lab';

// A relay per call service (lab/call-lab.ts): in one audit the firewall lets Teams' relay
// through and drops Meet's, as a Microsoft 365 company that bans other call services would.
// Every catalog call endpoint gets its own address in the call lab, so the verdicts are per service.
const ids = ['teams-free', 'google-meet', 'messenger'];
const reference = referenceCatalog as Catalog;
const catalog: Catalog = { ...reference, name: 'Call relays lab', services: reference.services.filter((s) => ids.includes(s.id)) };
const scenario: Scenario = {
  services: {
    'teams-free': {
      treatments: { call: 'ok' },
      expect: { verdict: 'reachable' },
      expectWithoutCallLab: { verdict: 'reachable' },
    },
    'google-meet': {
      treatments: { call: 'silent' },
      expect: { verdict: 'partial', mechanism: 'timeout' },
      expectWithoutCallLab: { verdict: 'reachable' },
    },
  },
};
let lab: Lab;
let report: Report;

beforeAll(async () => {
  lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario, calls: true });
  ({ report } = await runHeadlessAudit({ catalog: lab.catalog, browserArgs: lab.chromiumArgs, executablePath: lab.executablePath, options: { timeoutMs: 4000 } }));
});

afterAll(async () => {
  await lab?.stop();
});

const service = (id: string) => report.services.find((s) => s.id === id);
const call = (id: string) => service(id)?.channels.find((c) => c.channel === 'realtime')?.evidence.call;
const relayOf = (id: string) => (lab.calls.running ? lab.calls.relays.find((r) => r.serviceId === id) : undefined);

describe('a relay per call service', () => {
  it('gives every catalog call endpoint its own relay address, keeping scheme and transport', () => {
    expect(lab.calls.running).toBe(true);
    const relays = lab.calls.running ? lab.calls.relays : [];
    expect(relays.map((r) => [r.serviceId, r.catalogUrl, r.treatment])).toEqual([
      ['messenger', 'stun:stun.fbsbx.com:3478', 'ok'],
      ['teams-free', 'turn:worldaz.tr.teams.microsoft.com:3478?transport=udp', 'ok'],
      ['google-meet', 'stun:stun.l.google.com:19302', 'silent'],
    ]);
    expect(relayOf('teams-free')?.url).toMatch(/^turn:10\.\d+\.\d+\.\d+:3478\?transport=udp$/);
    expect(new Set(relays.map((r) => r.url.replace(/\?.*/, ''))).size).toBe(3);
  });

  it('probes each service at its own relay', () => {
    // Evidence URLs keep no query (privacy), so a TURN URL's `?transport=` is not in them.
    for (const id of ids) expect(call(id)?.url).toBe(relayOf(id)?.url.replace(/\?.*/, ''));
  });

  it("Teams' relay answers: calls reachable", () => {
    expect(service('teams-free')?.verdict).toBe('reachable');
    const teams = call('teams-free');
    expect(teams?.verdict).toBe('reachable');
    // A TURN server we hold no credentials for: a reflexive candidate or its 401, whichever comes first.
    expect(teams?.candidateTypes.includes('srflx') || teams?.errors.some((e) => e.code === 401)).toBe(true);
  });

  it("Meet's relay is silent while Teams' answered: calls blocked (timeout), the service partial", () => {
    expect([service('google-meet')?.verdict, service('google-meet')?.mechanism]).toEqual(['partial', 'timeout']);
    expect([call('google-meet')?.verdict, call('google-meet')?.reason]).toEqual(['blocked', 'call-silent']);
    expect(call('google-meet')?.candidateTypes).toEqual(['host']);
    expect(service('google-meet')?.channels.find((c) => c.channel === 'page')?.verdict).toBe('reachable');
  });

  it("Messenger's relay, untouched by the scenario, answers too", () => {
    expect([call('messenger')?.verdict, call('messenger')?.reason]).toEqual(['reachable', 'call-srflx']);
  });

  it('every verdict is the one the scenario intends', () => {
    expect(checkAgainstScenario(report, lab.scenario).filter((c) => !c.ok)).toEqual([]);
  });
});
