import type { ProtocolCalls } from '../messaging';
import type { Settings } from '../settings';
import type { I18n, LanguageSetting } from '../i18n';

/**
 * Everything a page's components may ask of the extension, as plain async
 * functions. Components receive it as a prop and never touch `browser.*`, so
 * they render the same in tests, the presentation page or with mock data.
 * Every message of the protocol (`ProtocolMap`, utils/messaging.ts) is one call, typed from the map.
 * `createPageApi()` (./extension-api.ts) is the real implementation.
 */
export interface PageApi extends ProtocolCalls {
  loadSettings(): Promise<Settings>;
  saveSettings(change: Partial<Settings>): Promise<Settings>;
  /** Messages for a language setting; `auto` follows the browser. */
  loadI18n(language: LanguageSetting): Promise<I18n>;
  /** Open the dashboard in a tab (optionally on one audit). */
  openDashboard(auditId?: string): void;
  download(fileName: string, mime: string, text: string): void;
  print(): void;
}
