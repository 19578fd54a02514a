import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';
import type { StorageArea } from '../platform/storage-area';
import { loadSettings, saveSettings } from '../settings';
import { loadI18n } from '../i18n';
import { downloadText } from '../export/download';
import type { PageApi } from './page-api';

/** The real `PageApi`: the typed message protocol, storage.local and tabs. Used by entrypoints only. */
export function createPageApi(): PageApi {
  // storage.local's polyfill types are wider than the slice settings need.
  const area = browser.storage.local as unknown as StorageArea;
  return {
    startAudit: (req) => sendMessage('startAudit', req),
    getAuditState: (req) => sendMessage('getAuditState', req),
    getReport: (req) => sendMessage('getReport', req),
    listAudits: (req) => sendMessage('listAudits', req),
    deleteAudit: (req) => sendMessage('deleteAudit', req),
    applyRetention: (req) => sendMessage('applyRetention', req),
    setAuditNote: (req) => sendMessage('setAuditNote', req),
    getCatalog: (req) => sendMessage('getCatalog', req),
    importCatalog: (req) => sendMessage('importCatalog', req),
    resetCatalog: (req) => sendMessage('resetCatalog', req),
    getFleetStatus: (req) => sendMessage('getFleetStatus', req),
    setUserSchedule: (req) => sendMessage('setUserSchedule', req),
    loadSettings: () => loadSettings(area),
    saveSettings: (change) => saveSettings(area, change),
    loadI18n: (language) => loadI18n(language, [browser.i18n.getUILanguage(), ...navigator.languages], (p) => browser.runtime.getURL(p as '/')),
    openDashboard(auditId) {
      const url = browser.runtime.getURL('/dashboard.html') + (auditId ? `#audit=${encodeURIComponent(auditId)}` : '');
      void browser.tabs.create({ url });
    },
    download: (fileName, mime, text) => downloadText(fileName, mime, text),
    print: () => window.print(),
  };
}
