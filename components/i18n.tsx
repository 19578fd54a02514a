import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { I18n } from '../utils/i18n';

const I18nContext = createContext<I18n | null>(null);

/**
 * Gives every component below it the user's language. Build the value with
 * `loadI18n` (utils/i18n) in the page, and swap it to switch language live.
 */
export function I18nProvider({ value, children }: { value: I18n; children: ComponentChildren }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** `{ t, fmt, locale, has }` of the nearest `I18nProvider`. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() outside an <I18nProvider>');
  return i18n;
}
