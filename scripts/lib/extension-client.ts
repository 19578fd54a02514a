import type { Page } from 'playwright-core';
import type { MessageAnswer as Res, MessageRequest as Req, ProtocolMap } from '../../utils/messaging';
import type { AuditState } from '../../utils/audit/state';

/**
 * Talks to the extension's background through its own message API, from one of
 * its pages, exactly as the popup does. The envelope is @webext-core/messaging's
 * (`{id, type, data, timestamp}` → `{res}` or `{err}`).
 */
export function extensionClient(page: Page) {
  return {
    async send<K extends keyof ProtocolMap>(type: K, data: Req<K>): Promise<Res<K>> {
      const reply = await page.evaluate(
        async ({ type, data }) => {
          const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
          // `chrome` exists in extension pages; typed loosely to keep Chrome's types out of the Node side.
          const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
          return (await runtime.sendMessage(message)) as { res?: unknown; err?: { message?: string } } | undefined;
        },
        { type, data },
      );
      if (!reply) throw new Error(`no answer from the extension to ${type}`);
      if (reply.err) throw new Error(`${type}: ${reply.err.message ?? 'failed'}`);
      return reply.res as Res<K>;
    },
  };
}
export type ExtensionClient = ReturnType<typeof extensionClient>;

/** Anything that speaks the extension's message API (a Chromium page, Firefox's remote client). */
export interface AuditClient {
  send<K extends keyof ProtocolMap>(type: K, data: Req<K>): Promise<Res<K>>;
}

export interface WaitOptions {
  /** When to stop waiting (default: the audit is no longer running). */
  until?: (state: AuditState) => boolean;
  deadlineMs?: number;
  intervalMs?: number;
  onProgress?: (state: AuditState) => void;
}

/** Poll an audit's state until `until` holds; throws at the deadline rather than returning a half-done audit. */
export async function waitForAudit(client: AuditClient, auditId: string, opts: WaitOptions = {}): Promise<AuditState> {
  const { until = (s) => s.status !== 'running', deadlineMs = 10 * 60_000, intervalMs = 100, onProgress } = opts;
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    // Polled as the pages do, in summary (a whole state of 2,000 services at every poll would load
    // the audited browser, docs/scale.md); the state returned is whole.
    const state = await client.send('getAuditState', { auditId, summary: true });
    if (state) onProgress?.(state);
    if (state && until(state)) return (await client.send('getAuditState', { auditId })) ?? state;
    if (Date.now() > deadline) throw new Error(`audit ${auditId} did not reach the awaited state within ${deadlineMs / 1000} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
