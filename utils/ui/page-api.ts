import type { ProtocolMap } from '../messaging';
import type { Settings } from '../settings';
import type { I18n, LanguageSetting } from '../i18n';

type Call<K extends keyof ProtocolMap> = (req: Parameters<ProtocolMap[K]>[0]) => Promise<ReturnType<ProtocolMap[K]>>;

/**
 * Everything a page's components may ask of the extension, as plain async
 * functions. Components receive it as a prop and never touch `browser.*`, so
 * they render the same in tests, the presentation page or with mock data.
 * `createPageApi()` (./extension-api.ts) is the real implementation.
 */
export interface PageApi {
  startAudit: Call<'startAudit'>;
  getAuditState: Call<'getAuditState'>;
  getReport: Call<'getReport'>;
  listAudits: Call<'listAudits'>;
  deleteAudit: Call<'deleteAudit'>;
  applyRetention: Call<'applyRetention'>;
  setAuditNote: Call<'setAuditNote'>;
  getCatalog: Call<'getCatalog'>;
  importCatalog: Call<'importCatalog'>;
  resetCatalog: Call<'resetCatalog'>;
  getFleetStatus: Call<'getFleetStatus'>;
  setUserSchedule: Call<'setUserSchedule'>;
  loadSettings(): Promise<Settings>;
  saveSettings(change: Partial<Settings>): Promise<Settings>;
  /** Messages for a language setting; `auto` follows the browser. */
  loadI18n(language: LanguageSetting): Promise<I18n>;
  /** Open the dashboard in a tab (optionally on one audit). */
  openDashboard(auditId?: string): void;
  download(fileName: string, mime: string, text: string): void;
  print(): void;
}
