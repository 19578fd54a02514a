/** UI languages Access Gap ships (`public/_locales/<locale>/messages.json`). */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
/** A language setting: follow the browser, or a fixed locale. */
export type LanguageSetting = 'auto' | Locale;

/**
 * The locale to show. `auto` follows the browser's languages in order
 * (`fr-CA` → `fr`), falling back to English, the manifest's default_locale.
 */
export function resolveLocale(setting: LanguageSetting, browserLanguages: readonly string[]): Locale {
  if (setting !== 'auto') return setting;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const found = LOCALES.find((l) => l === base);
    if (found) return found;
  }
  return 'en';
}
