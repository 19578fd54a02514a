import { browser } from 'wxt/browser';

/**
 * Privileged messages (start an audit, read results) are accepted only from the
 * extension's own pages: Access Gap has no content scripts, and no web page may
 * trigger probes or read what they found.
 */
export function isOwnPage(sender: { id?: string; url?: string } | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false;
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

/** Throw unless the message comes from one of the extension's own pages. */
export function assertOwnPage(sender: { id?: string; url?: string } | undefined): void {
  if (!isOwnPage(sender)) throw new Error('Access Gap accepts this message only from its own pages');
}
