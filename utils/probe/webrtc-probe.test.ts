import { describe, expect, it } from 'vitest';
import { probeCall } from './webrtc-probe';

// Issue 19, privacy: the address of the employee's own machine is never stored. ICE candidates carry
// it (a host candidate: the machine's LAN address; a server-reflexive one: the address the network
// shows the world), and so does an ICE error event (`address`): the call probe keeps only the kinds.
const HOST = 'candidate:1 1 udp 2122260223 192.168.1.23 54321 typ host generation 0';
const SRFLX = 'candidate:2 1 udp 1686052607 203.0.113.9 61000 typ srflx raddr 192.168.1.23 rport 54321 generation 0';

class FakePeer {
  onicecandidate: ((e: { candidate: { candidate: string; type?: string; address?: string } | null }) => void) | null = null;
  onicecandidateerror: ((e: unknown) => void) | null = null;
  createDataChannel() {
    return {};
  }
  async createOffer() {
    return { type: 'offer', sdp: '' };
  }
  async setLocalDescription() {
    setTimeout(() => {
      this.onicecandidateerror?.({ errorCode: 701, errorText: 'STUN host lookup received error.', address: '192.168.1.23', port: 54321, url: 'stun:stun.test:3478' });
      this.onicecandidate?.({ candidate: { candidate: HOST, type: 'host', address: '192.168.1.23' } });
      this.onicecandidate?.({ candidate: { candidate: SRFLX, type: 'srflx', address: '203.0.113.9' } });
    }, 0);
  }
  close() {}
}

describe('probeCall', () => {
  it('keeps the candidate kinds, never an address of the employee’s machine or network', async () => {
    const obs = await probeCall({ serviceId: 'meet', url: 'stun:stun.test:3478' }, 1000, FakePeer as unknown as typeof RTCPeerConnection);
    expect(obs.call.candidateTypes).toEqual(['host', 'srflx']);
    const stored = JSON.stringify(obs);
    expect(stored).not.toContain('192.168.1.23');
    expect(stored).not.toContain('203.0.113.9');
  });
});
