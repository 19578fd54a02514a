import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import type { LabCert } from './certs';
import type { HandlerContext } from './http-handler';
import { listen, type Listener } from './servers';

/** The header Google documents for proxies that force YouTube Restricted Mode (docs/restricted-modes.md). */
export const YOUTUBE_RESTRICT_HEADER = 'youtube-restrict';

/** Where the inspecting proxy sends what it decrypted: the lab's shared listeners on 127.0.0.1. */
export interface Upstream {
  https: number;
  http: number;
}

/**
 * An explicit TLS-inspecting gateway (the browser reaches it through the lab's PAC), doing what
 * Google's administrator help and filter vendors' guides describe for forcing YouTube Restricted
 * Mode by header: it opens each CONNECT tunnel with a certificate of the company's inspection root
 * (here the lab's, which the browser trusts as a managed machine trusts its company's), reads the
 * requests inside, adds `YouTube-Restrict: <level>` and forwards them to the server (the lab's
 * YouTube, which answers restricted content when it sees the header). Plain-HTTP requests get the
 * same header, as squid's `request_header_add` would give them. The browser never sees the header:
 * it is added after the request left it, so the extension learns of it only from YouTube's answer.
 * Requests are recorded twice: as the browser sent them (`inspecting-proxy`) and as the lab's
 * YouTube received them (`https`/`http`). Debian's squid (GnuTLS build) cannot bump TLS, hence Node.
 */
export async function startInspectingProxy(ctx: HandlerContext, cert: LabCert, upstream: Upstream, levelOf: (host: string) => string | undefined): Promise<Listener> {
  const forward = (scheme: 'https' | 'http') => (req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(req.url ?? '/', `${scheme}://${req.headers.host ?? 'invalid'}`);
    const host = target.hostname.toLowerCase();
    const path = `${target.pathname}${target.search}`;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
    ctx.record({ time: Date.now(), server: 'inspecting-proxy', method: req.method ?? '', host, path, headers });
    const level = levelOf(host);
    const out: OutgoingHttpHeaders = { ...req.headers, ...(level ? { [YOUTUBE_RESTRICT_HEADER]: level } : {}) };
    delete out['proxy-connection'];
    const options = { host: '127.0.0.1', port: scheme === 'https' ? upstream.https : upstream.http, method: req.method, path, headers: out };
    const onAnswer = (answer: IncomingMessage) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    };
    // The lab's listeners use the lab's certificate; the gateway, like a real one, checks nothing it is not told to.
    const upstreamReq = scheme === 'https' ? httpsRequest({ ...options, servername: host, rejectUnauthorized: false }, onAnswer) : httpRequest(options, onAnswer);
    upstreamReq.on('error', () => res.writeHead(502).end());
    req.pipe(upstreamReq);
  };
  const decrypted = createServer(forward('https'));
  const proxy = createServer(forward('http'));
  proxy.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = (req.url ?? '').replace(/:\d+$/, '').toLowerCase();
    ctx.record({ time: Date.now(), server: 'inspecting-proxy', method: 'CONNECT', host, path: '', headers: {} });
    socket.on('error', () => {});
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    // No ALPN offered: the browser speaks HTTP/1.1 inside the tunnel, which the gateway reads.
    const tls = new TLSSocket(socket, { isServer: true, key: cert.key, cert: cert.cert });
    tls.on('error', () => socket.destroy());
    decrypted.emit('connection', tls);
  });
  return listen(proxy, 0, '127.0.0.1');
}
