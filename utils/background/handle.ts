import { onMessage, type MessageAnswer, type MessageRequest, type ProtocolMap } from '../messaging';
import { assertOwnPage } from '../browser/own-pages';
import { toStorageError } from '../store/errors';

type Sender = { id?: string; url?: string } | undefined;

/**
 * What every message handler goes through: the sender must be one of the extension's own
 * pages (no web page may start probes or read results), and an IndexedDB failure (a
 * DOMException) becomes a `storage:<kind>:` error, whose message survives the trip to the
 * page, so the page can explain a full disk or a blocked upgrade.
 */
export function guarded<Req, Res>(handler: (data: Req) => Promise<Res>) {
  return async ({ data, sender }: { data: Req; sender: Sender }): Promise<Res> => {
    assertOwnPage(sender);
    try {
      return await handler(data);
    } catch (error) {
      throw error instanceof DOMException ? toStorageError(error) : error;
    }
  };
}

/** Answer one message of the protocol; the only way the background listens for a page. */
export function handle<K extends keyof ProtocolMap>(name: K, handler: (data: MessageRequest<K>) => Promise<MessageAnswer<K>>): void {
  onMessage(name, guarded(handler));
}
