import { createSocket, type Socket } from 'node:dgram';

/** A running DNS stub: where it listens and how to stop it. */
export interface DnsStub {
  address: string;
  close(): Promise<void>;
}

/**
 * Answers every DNS query with NXDOMAIN. Squid resolves allowed hosts from its hosts_file; any
 * other lookup must fail fast instead of waiting dns_timeout for a nameserver that does not exist
 * (no internet here), and must never leak out to a real resolver.
 */
function nxdomain(query: Buffer): Buffer | undefined {
  if (query.length < 12) return undefined;
  const answer = Buffer.from(query);
  answer[2] = 0x80 | (query[2]! & 0x79); // QR=1, keep opcode and RD
  answer[3] = 0x80 | 3; // RA=1, RCODE=3 NXDOMAIN
  answer.writeUInt16BE(0, 6); // no answers
  answer.writeUInt16BE(0, 8); // no authority
  answer.writeUInt16BE(0, 10); // no additional (drops the EDNS OPT record squid may send)
  // Keep only the header and the question section.
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) offset += query[offset]! + 1;
  return answer.subarray(0, Math.min(query.length, offset + 5));
}

async function bind(address: string): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(53, address, () => resolve());
  });
  socket.on('message', (msg, peer) => {
    const reply = nxdomain(msg);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  return socket;
}

/**
 * Starts the stub on 127.0.0.1:53, or, when that port is taken (a system resolver, another lab
 * running in parallel), on the lab's own loopback address, which squid is then pointed at.
 * Squid's `dns_nameservers` takes addresses only, not ports, hence port 53 on another address.
 */
export async function startDnsStub(fallbackAddress: string): Promise<DnsStub> {
  for (const address of ['127.0.0.1', fallbackAddress]) {
    try {
      const socket = await bind(address);
      return { address, close: () => new Promise((resolve) => socket.close(() => resolve())) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`lab: port 53 is taken on 127.0.0.1 and ${fallbackAddress}`);
}
