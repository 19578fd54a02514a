import type { WebSocketObservation } from './types';

export interface WsProbeOptions {
  serviceId: string;
  url: string;
  timeoutMs: number;
  /** Called when the socket opens or closes before our timeout (the network answered); may come twice. */
  onFirstAnswer?: () => void;
  WebSocketImpl?: typeof WebSocket;
  now?: () => number;
  clock?: () => number;
}

/**
 * Open a WebSocket and close it as soon as it opens. A socket refused by a proxy
 * or a DNS failure closes with 1006 and no reason, so the caller classifies the
 * host with an HTTPS probe as well.
 */
export function probeWebSocket(opts: WsProbeOptions): Promise<WebSocketObservation> {
  const { WebSocketImpl = WebSocket, now = () => performance.now(), clock = Date.now } = opts;
  const started = now();
  const obs: WebSocketObservation = {
    serviceId: opts.serviceId,
    channel: 'realtime',
    kind: 'websocket',
    url: opts.url,
    startedAt: clock(),
    redirects: [],
    timeoutMs: opts.timeoutMs,
    ws: { opened: false },
    timings: { totalMs: 0 },
  };
  return new Promise((resolve) => {
    let socket: WebSocket;
    const finish = () => {
      clearTimeout(timer);
      obs.timings.totalMs = Math.round(now() - started);
      resolve(obs);
    };
    const timer = setTimeout(() => {
      obs.timedOut = true;
      try {
        socket.close();
      } catch {
        // already closing
      }
      finish();
    }, opts.timeoutMs);
    try {
      socket = new WebSocketImpl(opts.url);
    } catch (error) {
      obs.jsError = String(error);
      finish();
      return;
    }
    socket.onopen = () => {
      opts.onFirstAnswer?.();
      obs.ws = { opened: true };
      obs.timings.headersMs = Math.round(now() - started);
      socket.close(1000);
      finish();
    };
    socket.onclose = (event) => {
      if (!obs.timedOut) opts.onFirstAnswer?.();
      obs.ws = { opened: obs.ws.opened, closeCode: event.code };
      finish();
    };
  });
}
