import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import type { Report } from '../../utils/report/types';
import { runHeadlessAudit } from '../../scripts/lib/run-headless-audit';
import { startLab, type Scenario } from '../../lab';
import { startCallLab, type CallLab } from '../../lab/call-lab';

// Realtime end to end: a chat WebSocket denied by squid, and calls — real WebRTC ICE gathering
// in the extension's offscreen document against a real coturn behind a NAT, one address of
// which a firewall rule silences (lab/call-lab.ts).
const ids = ['messenger', 'discord', 'google-meet', 'zoom', 'teams-free'];
let calls: CallLab;
let report: Report;

beforeAll(async () => {
  calls = await startCallLab();
  const reference = referenceCatalog as Catalog;
  const callOf: Record<string, string> = { 'google-meet': calls.liveStun, zoom: calls.blockedStun, 'teams-free': calls.liveTurn };
  const catalog: Catalog = {
    ...reference,
    name: 'Realtime lab',
    services: reference.services
      .filter((s) => ids.includes(s.id))
      .map((s) => (callOf[s.id] ? { ...s, channels: { ...s.channels, call: callOf[s.id] } } : s)),
  };
  const scenario: Scenario = {
    services: {
      messenger: { treatments: { realtime: 'proxy-deny' }, expect: { verdict: 'partial', mechanism: 'proxy' } },
      discord: { treatments: { realtime: 'proxy-ok' }, expect: { verdict: 'reachable' } },
    },
  };
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario });
  try {
    ({ report } = await runHeadlessAudit({ catalog, browserArgs: lab.chromiumArgs, executablePath: lab.executablePath, options: { timeoutMs: 4000 } }));
  } finally {
    await lab.stop();
  }
});

afterAll(async () => {
  await calls?.stop();
});

const service = (id: string) => report.services.find((s) => s.id === id);
const realtime = (id: string) => service(id)?.channels.find((c) => c.channel === 'realtime');

describe('realtime channels', () => {
  it('a chat WebSocket squid lets through opens: reachable', () => {
    expect(service('discord')?.verdict).toBe('reachable');
    expect([realtime('discord')?.verdict, realtime('discord')?.reason]).toEqual(['reachable', 'ws-open']);
  });

  it('a page-reachable service whose chat WebSocket the proxy denies is partial, mechanism proxy', () => {
    expect([service('messenger')?.verdict, service('messenger')?.mechanism]).toEqual(['partial', 'proxy']);
    expect([realtime('messenger')?.verdict, realtime('messenger')?.mechanism]).toEqual(['blocked', 'proxy']);
    expect(realtime('messenger')?.evidence.netError).toBe('net::ERR_TUNNEL_CONNECTION_FAILED');
  });

  it('a live STUN server behind NAT gives a server-reflexive candidate: calls reachable', () => {
    expect(service('google-meet')?.verdict).toBe('reachable');
    const call = realtime('google-meet')?.evidence.call;
    expect(call?.reason).toBe('call-srflx');
    expect(call?.candidateTypes).toContain('srflx');
  });

  it('a STUN server whose UDP the firewall drops is blocked (timeout), the service partial', () => {
    expect([service('zoom')?.verdict, service('zoom')?.mechanism]).toEqual(['partial', 'timeout']);
    expect(realtime('zoom')?.reason).toBe('call-silent');
    expect(realtime('zoom')?.evidence.call?.candidateTypes).toEqual(['host']);
  });

  it('a TURN server we hold no credentials for still proves reachable (its binding answer or its 401)', () => {
    expect(service('teams-free')?.verdict).toBe('reachable');
    const call = realtime('teams-free')?.evidence.call;
    // Whichever proof comes first ends gathering: a reflexive candidate, or "401 Unauthorized".
    expect(call?.candidateTypes.includes('srflx') || call?.errors.some((e) => e.code === 401)).toBe(true);
  });

  it('the call probe waits about one timeout at worst (probes run in parallel)', () => {
    const ms = report.services.flatMap((s) => s.channels).flatMap((c) => (c.evidence.call ? [c.evidence.timings.totalMs] : []));
    expect(Math.max(...ms)).toBeLessThan(7000);
  });
});
