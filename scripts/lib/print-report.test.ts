import { describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import type { CallObservation, CallProbeObservation } from '../../utils/probe/types';
import type { ReportService } from '../../utils/report/types';
import { classifyCall, withCall } from '../../utils/verdict/webrtc-call';
import { sampleReport } from '../../tests/fixtures/report';
import { formatCalls, signInLine } from './print-report';

describe('the CLI on a sign-in-required run', () => {
  it('says what to do and names who answered in place of the checks', () => {
    expect(signInLine({ portalHost: 'portal.guest-wifi.example' })).toBe(
      'Sign-in required: sign in to the network (or the proxy), then run the audit again. portal.guest-wifi.example answered in place of the connectivity checks.',
    );
    expect(signInLine({ proxy: true })).toMatch(/then run the audit again\. The proxy asked for credentials\.$/);
    expect(signInLine({})).toBe('Sign-in required: sign in to the network (or the proxy), then run the audit again.');
  });
});

describe('the CLI Calls section', () => {
  const reference = referenceCatalog as Catalog;
  const callObs = (serviceId: string, url: string, call: Partial<CallObservation>): CallProbeObservation => ({
    serviceId, channel: 'realtime', kind: 'webrtc', url, startedAt: 0, redirects: [], timeoutMs: 5000,
    call: { candidateTypes: ['host'], errors: [], timedOut: false, ...call }, timings: { totalMs: 5000 },
  });
  /** A service whose realtime channel is its call alone, classified as the audit does (a control answered). */
  const withCallOnly = (id: string, obs: CallProbeObservation): ReportService => {
    const entry = reference.services.find((s) => s.id === id)!;
    const channel = withCall(undefined, obs, classifyCall(obs, true));
    return { id, name: entry.name, category: entry.category, usage: [], verdict: channel.verdict, ...(channel.mechanism ? { mechanism: channel.mechanism } : {}), channels: [channel] };
  };
  const page = (id: string): ReportService => {
    const entry = reference.services.find((s) => s.id === id)!;
    return { id, name: entry.name, category: entry.category, usage: [], verdict: 'reachable', channels: [{ channel: 'page', verdict: 'reachable', reason: 'http-ok', evidence: { url: 'https://x.test/', timings: { totalMs: 5 }, detail: 'ok' } }] };
  };
  const report = {
    ...sampleReport(),
    services: [
      withCallOnly('teams-free', callObs('teams-free', 'turn:worldaz.tr.teams.microsoft.com:3478?transport=udp', { candidateTypes: ['host', 'srflx'] })),
      withCallOnly('google-meet', callObs('google-meet', 'stun:stun.l.google.com:19302', { timedOut: true })),
      page('zoom'),
      page('wikipedia'),
    ],
  };
  const lines = formatCalls(report, reference).split('\n');
  const row = (name: string) => lines.find((l) => l.startsWith(name)) ?? '';

  it('has a header and one row per call service: verdict, mechanism, server tried, why', () => {
    expect(lines[0]).toBe('Calls:');
    expect(lines[1]).toMatch(/^service\s+call\s+mechanism\s+server tried\s+why$/);
    expect(row('Microsoft Teams')).toMatch(/\breachable\s+TURN worldaz\.tr\.teams\.microsoft\.com:3478 \(UDP\)\s+The TURN server .* answered our STUN Binding request/);
    expect(row('Google Meet')).toMatch(/\bblocked\s+timeout\s+STUN stun\.l\.google\.com:19302 \(UDP\)\s+The STUN server .* never answered/);
  });

  it('a service with no public call endpoint says why, from its catalog entry', () => {
    expect(row('Zoom')).toMatch(/\bnot probed\s+/);
    expect(row('Zoom')).toContain(reference.services.find((s) => s.id === 'zoom')!.endpoints!.noCall!);
    expect(row('Wikipedia')).toBe(''); // no call to speak of: not listed
  });

  it('is empty when no service has a call, probed or not', () => {
    expect(formatCalls({ ...report, services: [page('wikipedia')] }, reference)).toBe('');
  });
});
