/**
 * Access Gap's i18n, for every page (popup, dashboard, options, and later the
 * presentation page). Strings live only in `public/_locales/<locale>/messages.json`.
 *
 * Usage in an entrypoint:
 *   const i18n = await loadI18n(setting, navigator.languages, browser.runtime.getURL);
 *   render(<I18nProvider value={i18n}>…</I18nProvider>, root);
 * and in a component: `const { t, fmt } = useI18n();` (components/i18n.tsx).
 */
import { createFormatters, type Formatters } from './format';
import { resolveLocale, type LanguageSetting, type Locale } from './locale';
import { createTranslator, loadMessages, type Messages, type Translate } from './translate';

export * from './locale';
export * from './format';
export * from './translate';
export * from './labels';

/** Everything a component needs to speak the user's language. */
export interface I18n {
  locale: Locale;
  t: Translate;
  /** Whether a key exists, for keys built from data (a custom catalog's category). */
  has(key: string): boolean;
  fmt: Formatters;
}

/** Build an I18n from already loaded messages (tests, or a page that bundles them). */
export function createI18n(locale: Locale, messages: Messages, fallback: Messages = {}): I18n {
  return {
    locale,
    t: createTranslator(messages, fallback),
    has: (key) => key in messages || key in fallback,
    fmt: createFormatters(locale),
  };
}

/** Load the chosen locale (English as fallback for missing keys) and build `t` and the formatters. */
export async function loadI18n(
  setting: LanguageSetting,
  browserLanguages: readonly string[],
  urlOf: (path: string) => string,
  fetchFn: typeof fetch = fetch,
): Promise<I18n> {
  const locale = resolveLocale(setting, browserLanguages);
  const [messages, fallback] = await Promise.all([
    loadMessages(locale, urlOf, fetchFn),
    locale === 'en' ? Promise.resolve({}) : loadMessages('en', urlOf, fetchFn),
  ]);
  return createI18n(locale, messages, fallback);
}
