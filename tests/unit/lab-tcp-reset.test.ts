import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, treatRawConnection, type Listener } from '../../lab/servers';

// The lab's `tcp-reset` imitates an in-path filter: it reads what the client sends first (the
// TLS ClientHello naming the host) and answers with RST. A reset on accept raced the client's
// first write, and Firefox reported the lost race as NS_ERROR_FAILURE (docs/verdicts-on-real-networks.md).
let listener: Listener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function resetServer(): Promise<number> {
  listener = await listen(createServer((socket) => treatRawConnection('tcp-reset', socket)), 0, '127.0.0.1');
  return listener.port;
}

function open(port: number): Promise<{ socket: Socket; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const errors: string[] = [];
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, errors }));
    socket.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
    socket.once('error', reject);
  });
}

describe('lab tcp-reset', () => {
  it('leaves a connection alone until the client speaks', async () => {
    const { socket, errors } = await open(await resetServer());
    await wait(150);
    expect(errors).toEqual([]);
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });

  it('answers the client’s first bytes with a reset (RST, not FIN)', async () => {
    const { socket, errors } = await open(await resetServer());
    const closed = new Promise<boolean>((r) => socket.once('close', r));
    socket.write('\x16\x03\x01'); // the start of a TLS ClientHello
    expect(await closed).toBe(true); // closed with an error
    expect(errors).toContain('ECONNRESET');
  });
});
