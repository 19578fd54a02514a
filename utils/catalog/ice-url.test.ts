import { describe, expect, it } from 'vitest';
import { iceRequests, parseIceServerUrl } from './ice-url';

describe('a STUN/TURN URI taken apart (RFC 7064, RFC 7065)', () => {
  it.each([
    ['stun:stun.l.google.com:19302', { protocol: 'STUN', host: 'stun.l.google.com', port: 19302, transport: 'UDP' }, ['STUN Binding']],
    ['stun:stun.fbsbx.com', { protocol: 'STUN', host: 'stun.fbsbx.com', port: 3478, transport: 'UDP' }, ['STUN Binding']],
    ['stuns:stun.example.com', { protocol: 'STUN', host: 'stun.example.com', port: 5349, transport: 'TLS' }, ['STUN Binding']],
    ['turn:worldaz.tr.teams.microsoft.com:3478?transport=udp', { protocol: 'TURN', host: 'worldaz.tr.teams.microsoft.com', port: 3478, transport: 'UDP' }, ['TURN Allocate', 'STUN Binding']],
    ['turn:turn.example.com', { protocol: 'TURN', host: 'turn.example.com', port: 3478, transport: 'UDP' }, ['TURN Allocate', 'STUN Binding']],
    ['TURN:Turn.Example.com:443?transport=tcp', { protocol: 'TURN', host: 'turn.example.com', port: 443, transport: 'TCP' }, ['TURN Allocate']],
    ['turns:turn.example.com', { protocol: 'TURN', host: 'turn.example.com', port: 5349, transport: 'TLS' }, ['TURN Allocate']],
    ['turns:turn.example.com:443?transport=udp', { protocol: 'TURN', host: 'turn.example.com', port: 443, transport: 'DTLS' }, ['TURN Allocate']],
  ])('%s', (url, server, requests) => {
    const parsed = parseIceServerUrl(url);
    expect(parsed).toEqual(server);
    expect(iceRequests(parsed!)).toEqual(requests);
  });

  it.each(['stun:stun.example.com?transport=udp', 'stun:host.example.com:0', 'stun:host.example.com:70000', 'https://stun.example.com/', 'turn:user@host.example.com'])(
    'refuses %s',
    (url) => expect(parseIceServerUrl(url)).toBeUndefined(),
  );
});
