import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { I18nProvider } from '../../components/i18n';
import { createI18n, type Locale, type Messages } from '../../utils/i18n';

/** The locale's messages as the extension ships them (public/_locales), English as the fallback. */
export function i18nFor(locale: Locale) {
  const read = (l: Locale) => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../public/_locales/${l}/messages.json`), 'utf8')) as Messages;
  return createI18n(locale, read(locale), locale === 'en' ? {} : read('en'));
}

/**
 * Renders a component into a fresh element of the test's DOM (a `happy-dom` environment),
 * inside the i18n provider the pages use. Returns the container and a cleanup.
 */
export async function renderComponent(children: ComponentChildren, locale: Locale = 'en'): Promise<{ root: HTMLElement; unmount(): void }> {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<I18nProvider value={i18nFor(locale)}>{children}</I18nProvider>, root));
  return { root, unmount: () => { render(null, root); root.remove(); } };
}

/** Clicks and lets every state update and awaited callback settle. */
export async function click(element: Element | null | undefined): Promise<void> {
  if (!element) throw new Error('nothing to click');
  await act(async () => {
    (element as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 0));
  });
}
