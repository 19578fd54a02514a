import { browser } from 'wxt/browser';
import { sendMessage, type ProtocolCalls, type ProtocolMap } from '../messaging';
import type { StorageArea } from '../platform/storage-area';
import { loadSettings, saveSettings } from '../settings';
import { loadI18n } from '../i18n';
import { downloadText } from '../export/download';
import type { PageApi } from './page-api';

/**
 * Every message of the protocol, once: a message added to `ProtocolMap` fails the type check
 * here until it is listed, and then every page can call it.
 */
const MESSAGES: Record<keyof ProtocolMap, true> = {
  startAudit: true,
  getAuditState: true,
  getReport: true,
  listAudits: true,
  deleteAudit: true,
  applyRetention: true,
  setAuditNote: true,
  getCatalog: true,
  importCatalog: true,
  resetCatalog: true,
  getFleetStatus: true,
  getDeadLetter: true,
  removeDeadLetter: true,
  setUserSchedule: true,
};

/** The protocol's messages as calls that send them to the background. */
function protocolCalls(): ProtocolCalls {
  const send = (name: keyof ProtocolMap) => (req: never) => sendMessage(name, req);
  return Object.fromEntries(Object.keys(MESSAGES).map((name) => [name, send(name as keyof ProtocolMap)])) as unknown as ProtocolCalls;
}

/** What every page app starts from (settings, messages) and hands files out with. Used by entrypoints only. */
export function createPageBasics(): Pick<PageApi, 'loadSettings' | 'saveSettings' | 'loadI18n' | 'download' | 'print'> {
  // storage.local's polyfill types are wider than the slice settings need.
  const area = browser.storage.local as unknown as StorageArea;
  return {
    loadSettings: () => loadSettings(area),
    saveSettings: (change) => saveSettings(area, change),
    loadI18n: (language) => loadI18n(language, [browser.i18n.getUILanguage(), ...navigator.languages], (p) => browser.runtime.getURL(p as '/')),
    download: (fileName, mime, text) => downloadText(fileName, mime, text),
    print: () => window.print(),
  };
}

/** The real `PageApi`: the typed message protocol, storage.local and tabs. Used by entrypoints only. */
export function createPageApi(): PageApi {
  return {
    ...protocolCalls(),
    ...createPageBasics(),
    openDashboard(auditId) {
      const url = browser.runtime.getURL('/dashboard.html') + (auditId ? `#audit=${encodeURIComponent(auditId)}` : '');
      void browser.tabs.create({ url });
    },
  };
}
