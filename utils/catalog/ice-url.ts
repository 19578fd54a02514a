/**
 * A catalog call endpoint, a STUN or TURN server URI (RFC 7064 for `stun:`/`stuns:`, RFC 7065 for
 * `turn:`/`turns:`), taken apart: what the probe asks of it, where, and over what.
 */
export interface IceServer {
  protocol: 'STUN' | 'TURN';
  host: string;
  /** The URI's port, or the RFCs' default: 3478, or 5349 for the TLS schemes. */
  port: number;
  /**
   * What carries the requests. `turn:` is UDP unless `?transport=tcp` (RFC 7065 §3);
   * `stuns:`/`turns:` are TLS over TCP, or DTLS over UDP for `turns:…?transport=udp`.
   */
  transport: 'UDP' | 'TCP' | 'TLS' | 'DTLS';
}

const ICE_URL = /^(stuns?|turns?):([a-z0-9.-]+)(?::(\d{1,5}))?(?:\?transport=(udp|tcp))?$/i;

/** `turn:host:3478?transport=udp` → its parts; undefined when it is not a STUN/TURN URI we can probe. */
export function parseIceServerUrl(url: string): IceServer | undefined {
  const m = ICE_URL.exec(url);
  if (!m) return undefined;
  const [, scheme = '', host = '', portText, transportParam] = m;
  const lower = scheme.toLowerCase();
  const secure = lower.endsWith('s');
  const protocol = lower.startsWith('stun') ? 'STUN' : 'TURN';
  if (protocol === 'STUN' && transportParam) return undefined; // transport is a TURN parameter
  const port = portText === undefined ? (secure ? 5349 : 3478) : Number(portText);
  if (!(port > 0 && port < 65536)) return undefined;
  const overUdp = (transportParam ?? (secure ? 'tcp' : 'udp')).toLowerCase() === 'udp';
  const transport = secure ? (overUdp ? 'DTLS' : 'TLS') : overUdp ? 'UDP' : 'TCP';
  return { protocol, host: host.toLowerCase(), port, transport };
}

/** `worldaz.tr.teams.microsoft.com:3478`: the server as people write it. */
export const iceServerAddress = (s: IceServer) => `${s.host}:${s.port}`;

/**
 * The requests a browser sends to this server when it is the only ICE server given (libwebrtc's
 * port allocator): a STUN Binding request to a STUN server; a TURN Allocate request to a TURN
 * server — and, to a TURN server reached over UDP, a STUN Binding request as well, since libwebrtc
 * uses every UDP TURN server as a STUN server (docs/what-the-browser-sees.md, calls).
 */
export function iceRequests(s: IceServer): ('STUN Binding' | 'TURN Allocate')[] {
  if (s.protocol === 'STUN') return ['STUN Binding'];
  return s.transport === 'UDP' ? ['TURN Allocate', 'STUN Binding'] : ['TURN Allocate'];
}
