import { describe, expect, it } from 'vitest';
import type { CallObservation, CallProbeObservation } from '../probe/types';
import { classifyCall, withCall } from './webrtc-call';
import { isIceServerUrl } from '../catalog/schema';
import { classifyChannel } from './classify-channel';

const obs = (call: Partial<CallObservation>, url = 'stun:10.0.0.2:3478'): CallProbeObservation => ({
  serviceId: 'meet', channel: 'realtime', kind: 'webrtc', url, startedAt: 0, redirects: [], timeoutMs: 5000,
  call: { candidateTypes: ['host'], errors: [], timedOut: false, ...call }, timings: { totalMs: 120, headersMs: 110 },
});

describe('classifyCall', () => {
  it.each([
    ['a server-reflexive candidate', { candidateTypes: ['host', 'srflx'] }, 'reachable', 'call-srflx'],
    ['a relayed candidate', { candidateTypes: ['host', 'relay'] }, 'reachable', 'call-relay'],
    ['a 401 from a TURN server (no credentials)', { errors: [{ code: 401, text: 'Unauthorized.' }] }, 'reachable', 'call-server-answered'],
    ['silence, another server answered', { timedOut: true }, 'blocked', 'call-silent'],
    ['a failed name lookup, another server answered', { errors: [{ code: 701, text: 'STUN host lookup received error.' }] }, 'blocked', 'call-lookup-failed'],
    ['no RTCPeerConnection', { unsupported: 'no RTCPeerConnection here' }, 'inconclusive', 'call-unsupported'],
  ] as const)('%s ⇒ %s (%s)', (_name, call, verdict, reason) => {
    const e = classifyCall(obs(call as Partial<CallObservation>), true);
    expect([e.verdict, e.reason]).toEqual([verdict, reason]);
  });

  it('silence is inconclusive when no STUN/TURN server answered in the run (UDP banned outright, or no NAT)', () => {
    const e = classifyCall(obs({ timedOut: true }), false);
    expect([e.verdict, e.reason]).toEqual(['inconclusive', 'call-no-control']);
  });

  it('names the mechanism: timeout for dropped packets, dns for a failed lookup', () => {
    expect(classifyCall(obs({ timedOut: true }), true).mechanism).toBe('timeout');
    expect(classifyCall(obs({ errors: [{ code: 701, text: 'STUN host lookup received error.' }] }), true).mechanism).toBe('dns');
  });
});

describe('the call evidence names what was tried: STUN or TURN, host and port, transport', () => {
  const TURN_UDP = 'turn:worldaz.tr.teams.microsoft.com:3478?transport=udp';
  it.each([
    // A UDP TURN server answers the STUN Binding request the browser sends it too: the reflexive candidate comes from there.
    ['srflx from a UDP TURN server', TURN_UDP, { candidateTypes: ['host', 'srflx'] }, true,
      'The TURN server worldaz.tr.teams.microsoft.com:3478 (UDP) answered our STUN Binding request with our public address (server-reflexive candidate): UDP calls can reach it.'],
    ['srflx from a STUN server', 'stun:stun.l.google.com:19302', { candidateTypes: ['host', 'srflx'] }, true,
      'The STUN server stun.l.google.com:19302 (UDP) answered our STUN Binding request with our public address (server-reflexive candidate): UDP calls can reach it.'],
    ['401 from a TURN server over TCP', 'turn:turn.example.com:443?transport=tcp', { errors: [{ code: 401, text: 'Unauthorized.' }] }, true,
      'The TURN server turn.example.com:443 (TCP) answered our TURN Allocate request (401 Unauthorized): packets reach it and come back.'],
    ['a relay from a TURN server over TLS', 'turns:turn.example.com', { candidateTypes: ['host', 'relay'] }, true,
      'The TURN server turn.example.com:5349 (TLS) relayed a candidate in answer to our TURN Allocate request: calls can reach it.'],
    ['a silent UDP TURN server', TURN_UDP, { timedOut: true }, true,
      'The TURN server worldaz.tr.teams.microsoft.com:3478 (UDP) never answered our TURN Allocate and STUN Binding requests within 5000 ms while another call server answered in the same run: its packets are dropped, so calls are blocked.'],
    ['a silent STUN server', 'stun:stun.l.google.com:19302', { timedOut: true }, true,
      'The STUN server stun.l.google.com:19302 (UDP) never answered our STUN Binding request within 5000 ms while another call server answered in the same run: its packets are dropped, so calls are blocked.'],
    ['a TURN name that did not resolve', 'turn:turn.example.com:3478?transport=tcp', { errors: [{ code: 701, text: 'TURN host lookup received error.' }] }, true,
      'The name of the TURN server turn.example.com:3478 (TCP) did not resolve (701 TURN host lookup received error), while another call server answered.'],
    ['nothing answered in the run', TURN_UDP, { timedOut: true }, false,
      'No STUN/TURN server answered in this run, the control included: UDP may be blocked outright, or this network needs no NAT; calls to the TURN server worldaz.tr.teams.microsoft.com:3478 (UDP) cannot be judged.'],
  ] as const)('%s', (_name, url, call, controlOk, detail) => {
    const e = classifyCall(obs(call as Partial<CallObservation>, url), controlOk);
    expect(e.detail).toBe(detail);
    expect(e.detail).not.toMatch(/STUN server turns?:|TURN server stuns?:/);
  });

  it('keeps what was tried as fields, for the pages to say it in their language', () => {
    expect(classifyCall(obs({ timedOut: true }, 'turn:worldaz.tr.teams.microsoft.com:3478?transport=udp'), true).server).toEqual({
      protocol: 'TURN', host: 'worldaz.tr.teams.microsoft.com', port: 3478, transport: 'UDP',
    });
  });
});

describe('withCall', () => {
  const ws = { channel: 'realtime' as const, verdict: 'reachable' as const, reason: 'ws-open', evidence: { url: 'wss://x.test/', timings: { totalMs: 5 }, detail: 'The WebSocket opened.' } };

  it('a blocked call makes an open chat channel blocked (different functions)', () => {
    const o = obs({ timedOut: true });
    const v = withCall(ws, o, classifyCall(o, true));
    expect([v.verdict, v.mechanism, v.reason]).toEqual(['blocked', 'timeout', 'call-silent']);
    expect(v.evidence.call?.url).toBe('stun:10.0.0.2:3478');
  });

  it('a reachable call leaves the WebSocket verdict and rides along as evidence', () => {
    const o = obs({ candidateTypes: ['host', 'srflx'] });
    const v = withCall(ws, o, classifyCall(o, true));
    expect([v.verdict, v.reason, v.evidence.call?.reason]).toEqual(['reachable', 'ws-open', 'call-srflx']);
  });

  it('without a WebSocket the call decides the realtime channel', () => {
    const o = obs({ candidateTypes: ['host', 'srflx'] });
    expect(withCall(undefined, o, classifyCall(o, true)).verdict).toBe('reachable');
  });
});

describe('call URLs in catalogs', () => {
  it.each([
    ['stun:stun.l.google.com:19302', true],
    ['stun:10.99.0.2:3478', true],
    ['turn:turn.example.com:3478?transport=tcp', true],
    ['turns:turn.example.com', true],
    ['stun:stun.example.com:3478?transport=udp', false],
    ['stun:999.1.1.1', false],
    ['stun:user@host.example.com', false],
    ['https://stun.example.com/', false],
    ['stun:localhost:70000', false],
  ])('%s ⇒ %s', (url, ok) => {
    expect(isIceServerUrl(url)).toBe(ok);
  });
});

describe('classifyChannel with a call observation', () => {
  it('a call-only realtime channel is inconclusive (control-failed) when the connectivity control failed', () => {
    const v = classifyChannel([obs({ timedOut: true })], { controlOk: false, callControlOk: true });
    expect([v.channel, v.verdict, v.reason]).toEqual(['realtime', 'inconclusive', 'control-failed']);
  });

  it('a call-only realtime channel is decided by the call', () => {
    const v = classifyChannel([obs({ timedOut: true })], { controlOk: true, callControlOk: true });
    expect([v.verdict, v.mechanism, v.reason]).toEqual(['blocked', 'timeout', 'call-silent']);
  });
});
