import type { Page } from 'playwright-core';
import type { ProtocolMap } from '../../utils/messaging';

type Req<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Res<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

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
