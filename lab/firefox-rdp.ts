import { createConnection, type Socket } from 'node:net';

/* eslint-disable @typescript-eslint/no-explicit-any -- RDP packets are untyped JSON */
type Packet = Record<string, any>;

/** A JavaScript context of the extension (background page or one of its own pages). */
export interface ExtensionContext {
  url: string;
  /** Evaluates `expression` (may return a promise) in that context; resolves with its JSON value. */
  evaluate<T = unknown>(expression: string, timeoutMs?: number): Promise<T>;
}

/**
 * A minimal client of Firefox's Remote Debugging Protocol (the one about:debugging and `web-ext`
 * use; packets are `<byte length>:<JSON>`). WebDriver BiDi cannot open or list moz-extension pages
 * (docs/what-the-browser-sees.md), but RDP reaches the extension's own contexts exactly as about:debugging's
 * "Inspect" does: an honest view of the real extension, like Playwright's `serviceWorker.evaluate`.
 */
export class FirefoxRdp {
  private buffer = Buffer.alloc(0);
  private readonly waiters: ((p: Packet) => boolean)[] = [];
  private readonly unclaimed: Packet[] = [];
  private nextKey = 0;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => {}); // the browser closing ends the connection; pending calls time out
  }

  /** Connects to `--start-debugger-server <port>`, retrying while Firefox starts. */
  static async connect(port: number, timeoutMs = 15_000): Promise<FirefoxRdp> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = createConnection(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const rdp = new FirefoxRdp(socket);
        await rdp.next((p) => p.from === 'root', 5000);
        return rdp;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`Firefox RDP: no debugger server on port ${port} (${String(error)})`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  close(): void {
    this.socket.destroy();
  }

  /** The extension's contexts whose URL matches, found through a target watcher. */
  async extensionContext(addonId: string, matches: (url: string) => boolean, timeoutMs = 10_000): Promise<ExtensionContext> {
    const { addons } = await this.request({ to: 'root', type: 'listAddons' });
    const addon = (addons as Packet[]).find((a) => a.id === addonId);
    if (!addon) throw new Error(`Firefox RDP: add-on ${addonId} is not installed`);
    const watcher = await this.request({ to: addon.actor, type: 'getWatcher', isServerTargetSwitchingEnabled: true, isPopupDebuggingEnabled: true });
    const found = this.next((p) => p.type === 'target-available-form' && typeof p.target?.url === 'string' && matches(p.target.url), timeoutMs);
    await this.request({ to: watcher.actor, type: 'watchTargets', targetType: 'frame' });
    const { target } = await found;
    return { url: target.url, evaluate: (expression, ms) => this.evaluate(target.consoleActor, expression, ms) };
  }

  /**
   * Runs `expression` and polls for its settled value: the console's own top-level await is not
   * available to extension targets here, so the promise parks its JSON result on a global.
   * Firefox's `stack` does not hold the message, so a failure carries both.
   */
  private async evaluate<T>(consoleActor: string, expression: string, timeoutMs = 60_000): Promise<T> {
    const key = `k${this.nextKey++}`;
    await this.evalRaw(consoleActor, `(globalThis.__accessGapRdp ??= {}, Promise.resolve().then(async () => (${expression})).then(
      (v) => { globalThis.__accessGapRdp.${key} = { ok: JSON.stringify(v ?? null) }; },
      (e) => { globalThis.__accessGapRdp.${key} = { err: String(e && e.message !== undefined ? e.message + ' at ' + e.stack : e) }; }), 0)`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const raw = await this.evalRaw(consoleActor, `JSON.stringify(globalThis.__accessGapRdp?.${key} ?? null)`);
      const settled = JSON.parse(String(raw)) as { ok?: string; err?: string } | null;
      if (settled?.err !== undefined) throw new Error(`in the extension: ${settled.err}`);
      if (settled?.ok !== undefined) return JSON.parse(settled.ok) as T;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`Firefox RDP: no result within ${timeoutMs} ms for ${expression.slice(0, 80)}`);
  }

  private async evalRaw(consoleActor: string, text: string): Promise<unknown> {
    const { resultID } = await this.request({ to: consoleActor, type: 'evaluateJSAsync', text });
    const reply = await this.next((p) => p.type === 'evaluationResult' && p.resultID === resultID, 30_000);
    if (reply.exceptionMessage) throw new Error(`Firefox RDP: ${reply.exceptionMessage}`);
    const result = reply.result;
    if (result && typeof result === 'object' && result.type === 'longString') {
      const { substring } = await this.request({ to: result.actor, type: 'substring', start: 0, end: result.length });
      return substring;
    }
    return result;
  }

  private async request(packet: Packet): Promise<Packet> {
    const text = JSON.stringify(packet);
    const reply = this.next((p) => p.from === packet.to && !p.type, 30_000);
    this.socket.write(`${Buffer.byteLength(text)}:${text}`);
    const answer = await reply;
    if (answer.error) throw new Error(`Firefox RDP ${String(packet.type)}: ${answer.error} ${answer.message ?? ''}`);
    return answer;
  }

  private next(match: (p: Packet) => boolean, timeoutMs: number): Promise<Packet> {
    const i = this.unclaimed.findIndex(match);
    if (i >= 0) return Promise.resolve(this.unclaimed.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter = (p: Packet) => (match(p) ? (clearTimeout(timer), resolve(p), true) : false);
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error('Firefox RDP: timed out waiting for a packet'));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString()) as Packet;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      const i = this.waiters.findIndex((w) => w(packet));
      if (i >= 0) this.waiters.splice(i, 1);
      else if (this.unclaimed.push(packet) > 500) this.unclaimed.shift(); // unsolicited events
    }
  }
}
