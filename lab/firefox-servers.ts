import { randomInt } from 'node:crypto';
import { createServer as createTcpServer } from 'node:net';
import type { LabCert } from './certs';
import type { HandlerContext } from './http-handler';
import { httpListener, httpsListener, listen, treatRawConnection, type Listener } from './servers';

/**
 * Firefox cannot map a name to a port (`network.dns.localDomains` maps to 127.0.0.1 only), so the
 * Firefox lab resolves names through its own /etc/hosts and gives each treatment its own loopback
 * address with servers on the real ports 443/80 (root may bind them). A random 127.x.y.z per lab
 * lets labs run side by side.
 */
export const randomLoopback = () => `127.${randomInt(100, 250)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** Binds `start(address)` on a fresh random loopback address, retrying when one is taken. */
export async function onFreshAddress(start: (address: string) => Promise<Listener[]>): Promise<{ address: string; listeners: Listener[] }> {
  for (let attempt = 0; ; attempt++) {
    const address = randomLoopback();
    try {
      return { address, listeners: await start(address) };
    } catch (error) {
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/** HTTPS on :443 with `cert` and plain HTTP on :80, both answering by Host like the Chromium lab. */
export function webServers(ctx: HandlerContext, cert: LabCert, name: string) {
  return onFreshAddress(async (address) => {
    const https = await httpsListener(ctx, cert, name, address, 443);
    try {
      return [https, await httpListener(ctx, name, address, 80)];
    } catch (error) {
      await https.close();
      throw error;
    }
  });
}

/** Treatments below HTTP, as in servers.ts `rawListener`, but on :443 and :80 of their own address. */
export type FirefoxRawKind = 'tcp-reset' | 'silent' | 'tls-plain';

export function rawServers(kind: FirefoxRawKind, ctx: HandlerContext) {
  const make = (address: string, port: number) => {
    const server = createTcpServer((socket) => {
      ctx.record({ time: Date.now(), server: kind, method: 'TCP', host: address, path: '', headers: {} });
      treatRawConnection(kind, socket);
    });
    return listen(server, port, address);
  };
  return onFreshAddress(async (address) => {
    const first = await make(address, 443);
    try {
      return [first, await make(address, 80)];
    } catch (error) {
      await first.close();
      throw error;
    }
  });
}
