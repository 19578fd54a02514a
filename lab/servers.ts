import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { LabCert } from './certs';
import { createHttpHandler, createUpgradeHandler, type HandlerContext } from './http-handler';

/** A started listener: its port and a close that also drops open sockets (silent ones never end). */
export interface Listener {
  port: number;
  close(): Promise<void>;
}

/** Listens and tracks sockets so `close()` cannot hang on a kept-alive or silent connection. */
export async function listen(server: Server, port: number, address: string): Promise<Listener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // Chromium aborts probes mid-flight; that is normal here.
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  return {
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The shared HTTPS listener (trusted certificate) for every host served over TLS. */
export function httpsListener(ctx: HandlerContext, cert: LabCert, name: string, address: string, port = 0) {
  const server = createHttpsServer({ key: cert.key, cert: cert.cert }, createHttpHandler(ctx, name, 'https'));
  server.on('upgrade', createUpgradeHandler(ctx, name, 'https'));
  return listen(server, port, address);
}

/**
 * The shared plain HTTP listener: http:// URLs, block-page portals reached by squid's 302 and,
 * when `pac` is given, the PAC file at `http://127.0.0.1:<port>/proxy.pac`.
 */
export function httpListener(ctx: HandlerContext, name: string, address: string, port = 0, pac?: () => string) {
  const handler = createHttpHandler(ctx, name, 'http');
  const server = createHttpServer((req, res) => {
    if (pac && req.url === '/proxy.pac' && /^127\.0\.0\.1(:\d+)?$/.test(req.headers.host ?? '')) {
      ctx.record({ time: Date.now(), server: 'pac', method: req.method ?? '', host: '127.0.0.1', path: '/proxy.pac', headers: {}, status: 200 });
      res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(pac());
      return;
    }
    handler(req, res);
  });
  server.on('upgrade', createUpgradeHandler(ctx, name, 'http'));
  return listen(server, port, address);
}

export type RawKind = 'tcp-reset' | 'silent' | 'tls-plain' | 'tls-wrong-cert';

/**
 * One listener per host for treatments that act below HTTP, so the record can name the host
 * (these connections never send a readable Host header).
 */
export function rawListener(kind: RawKind, host: string, ctx: HandlerContext, wrongCert: LabCert): Promise<Listener> {
  const note = () => ctx.record({ time: Date.now(), server: kind, method: kind === 'tls-wrong-cert' ? 'TLS' : 'TCP', host, path: '', headers: {} });
  if (kind === 'tls-wrong-cert') {
    // A certificate of another key, not in the SPKI trust list: what interception by an untrusted CA looks like.
    const server = createHttpsServer({ key: wrongCert.key, cert: wrongCert.cert }, createHttpHandler(ctx, kind, 'https'));
    server.on('connection', note);
    return listen(server, 0, '127.0.0.1');
  }
  const server = createTcpServer((socket) => {
    note();
    treatRawConnection(kind, socket);
  });
  return listen(server, 0, '127.0.0.1');
}

/**
 * What a treatment below HTTP does with an accepted connection (the Chromium and Firefox labs alike).
 *
 * `tcp-reset` answers the client's first bytes (its TLS ClientHello, or its HTTP request) with RST,
 * as an in-path filter does once it has read the name it blocks (docs/verdicts-on-real-networks.md,
 * "A reset, as Firefox reports it"). A reset sent on accept instead raced the client's first write:
 * when it arrived before the ClientHello, Firefox's TLS layer met a dead socket (PR_NOT_CONNECTED_ERROR)
 * and reported the generic NS_ERROR_FAILURE rather than NS_ERROR_NET_RESET.
 */
export function treatRawConnection(kind: Exclude<RawKind, 'tls-wrong-cert'>, socket: Socket): void {
  if (kind === 'tcp-reset') socket.once('data', () => socket.resetAndDestroy()); // RST, not FIN: ERR_CONNECTION_RESET / NS_ERROR_NET_RESET
  if (kind === 'tls-plain') {
    // An HTTP answer where a TLS ServerHello is expected (a filter that cannot speak TLS).
    socket.once('data', () => socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 9\r\nconnection: close\r\n\r\nForbidden'));
  }
  // silent: keep the socket open and say nothing; the probe's own timer must end it.
}

/** A port that is free right now (for squid, which must be told its port up front). */
export async function freePort(address = '127.0.0.1'): Promise<number> {
  const listener = await listen(createTcpServer(), 0, address);
  await listener.close();
  return listener.port;
}
