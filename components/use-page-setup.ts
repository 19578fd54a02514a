import { useEffect, useState } from 'preact/hooks';
import type { I18n, LanguageSetting, MessageKey } from '../utils/i18n';
import type { Settings } from '../utils/settings';
import type { PageApi } from '../utils/ui/page-api';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface PageSetup {
  settings: Settings | null;
  i18n: I18n | null;
  /** Why the page could not start (settings or messages unreadable), or what `ready` threw. */
  error?: string;
  /** Saved settings: kept, and the language reloaded when it changed. */
  applySettings(saved: Settings): Promise<void>;
  /** Switch the page's language (the trainer's deck may speak another language than the extension). */
  setLanguage(language: LanguageSetting): Promise<void>;
}

/**
 * How each page app (popup, dashboard, presentation, letter, fleet) starts: the user's settings, then
 * the messages of the page's language (`language` picks it; the settings' one by default), then
 * `ready` with both. The document's `lang` (and the page title) follow the language from an
 * effect, never from rendering, so screen readers and hyphenation match the text shown.
 */
export function usePageSetup(
  api: Pick<PageApi, 'loadSettings' | 'loadI18n'>,
  options: {
    title?: MessageKey;
    language?: (settings: Settings) => Promise<LanguageSetting>;
    ready?: (settings: Settings, i18n: I18n) => Promise<void>;
  } = {},
): PageSetup {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [i18n, setI18n] = useState<I18n | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    void (async () => {
      const s = await api.loadSettings();
      const messages = await api.loadI18n(options.language ? await options.language(s) : s.language);
      setSettings(s);
      setI18n(messages);
      await options.ready?.(s, messages);
    })().catch((e: unknown) => setError(errorText(e)));
  }, []);

  useEffect(() => {
    if (!i18n) return;
    document.documentElement.lang = i18n.locale;
    if (options.title) document.title = i18n.t(options.title);
  }, [i18n]);

  return {
    settings,
    i18n,
    ...(error ? { error } : {}),
    async applySettings(saved) {
      const previous = settings;
      setSettings(saved);
      if (saved.language !== previous?.language) setI18n(await api.loadI18n(saved.language));
    },
    async setLanguage(language) {
      setI18n(await api.loadI18n(language));
    },
  };
}
