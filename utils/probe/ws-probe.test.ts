import { describe, expect, it } from 'vitest';
import { probeWebSocket } from './ws-probe';

/** A WebSocket stand-in recording what the probe does with it (docs/websocket-probe.md). */
function recordingSocket(opens: boolean) {
  const made: { args: unknown[]; sent: unknown[]; closed?: number }[] = [];
  class FakeSocket {
    onopen: (() => void) | null = null;
    onclose: ((e: { code: number }) => void) | null = null;
    private readonly record: (typeof made)[number];
    constructor(...args: unknown[]) {
      this.record = { args, sent: [] };
      made.push(this.record);
      setTimeout(() => (opens ? this.onopen?.() : this.onclose?.({ code: 1006 })), 1);
    }
    send(data: unknown) {
      this.record.sent.push(data);
    }
    close(code?: number) {
      this.record.closed = code ?? 1005;
    }
  }
  return { WebSocketImpl: FakeSocket as unknown as typeof WebSocket, made };
}

describe('what a WebSocket probe sends', () => {
  it('opens with the URL alone (no sub-protocol), sends no message, closes with 1000 once open', async () => {
    const { WebSocketImpl, made } = recordingSocket(true);
    const obs = await probeWebSocket({ serviceId: 's', url: 'wss://chat.example.test/ws', timeoutMs: 1000, WebSocketImpl });
    expect(made).toEqual([{ args: ['wss://chat.example.test/ws'], sent: [], closed: 1000 }]);
    expect(obs.ws).toEqual({ opened: true });
  });

  it('sends nothing on a socket that fails, and keeps only the close code', async () => {
    const { WebSocketImpl, made } = recordingSocket(false);
    const obs = await probeWebSocket({ serviceId: 's', url: 'wss://chat.example.test/ws', timeoutMs: 1000, WebSocketImpl });
    expect(made[0]?.sent).toEqual([]);
    expect(obs.ws).toEqual({ opened: false, closeCode: 1006 });
  });
});

describe('a WebSocket probe’s first answer', () => {
  it('is the socket opening or closing', async () => {
    for (const opens of [true, false]) {
      const { WebSocketImpl } = recordingSocket(opens);
      let answers = 0;
      await probeWebSocket({ serviceId: 's', url: 'wss://chat.example.test/ws', timeoutMs: 1000, WebSocketImpl, onFirstAnswer: () => answers++ });
      expect(answers).toBe(1);
    }
  });
});
