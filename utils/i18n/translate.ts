import type { Locale } from './locale';
// Type-only import: the English file is the key list, and is never bundled from here.
import type en from '../../public/_locales/en/messages.json';

/** Every message key; a key missing from `en/messages.json` fails to compile. */
export type MessageKey = keyof typeof en;

/** One `_locales/<locale>/messages.json` entry (Chrome's format). */
export interface MessageEntry {
  message: string;
  description?: string;
}
export type Messages = Record<string, MessageEntry>;

/** Substitutions fill `$1`…`$9`, as in `chrome.i18n.getMessage`. */
export type Translate = (key: MessageKey, ...substitutions: (string | number)[]) => string;

/**
 * A translator over one locale's messages, with English as the fallback for a
 * key a translation lacks (so a late string never shows up as its key).
 * We load messages ourselves because `chrome.i18n` cannot switch language at run time.
 */
export function createTranslator(messages: Messages, fallback: Messages = {}): Translate {
  return (key, ...substitutions) => {
    const entry = messages[key] ?? fallback[key];
    if (!entry) return key;
    return entry.message.replace(/\$(\d|\$)/g, (_, d: string) => (d === '$' ? '$' : String(substitutions[Number(d) - 1] ?? '')));
  };
}

/** The `$n` substitutions a message uses, for the locale-consistency test. */
export function placeholdersOf(message: string): number[] {
  return [...new Set([...message.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))].sort();
}

/** Fetch one locale's messages from the extension package (`urlOf` is `browser.runtime.getURL`). */
export async function loadMessages(
  locale: Locale,
  urlOf: (path: string) => string,
  fetchFn: typeof fetch = fetch,
): Promise<Messages> {
  const response = await fetchFn(urlOf(`/_locales/${locale}/messages.json`));
  if (!response.ok) throw new Error(`messages for ${locale}: HTTP ${response.status}`);
  return (await response.json()) as Messages;
}
