import { browser } from 'wxt/browser';
import { downloadText } from '../export/download';
import { loadI18n } from '../i18n';
import { sendMessage } from '../messaging';
import type { StorageArea } from '../platform/storage-area';
import { loadSettings } from '../settings';
import type { FleetPageApi } from './fleet-page-api';
import { fetchReceiverText } from './receiver-fetch';

/** The real `FleetPageApi`, for the entrypoint only. */
export function createFleetPageApi(): FleetPageApi {
  const area = browser.storage.local as unknown as StorageArea;
  return {
    async loadI18n() {
      const { language } = await loadSettings(area);
      return loadI18n(language, [browser.i18n.getUILanguage(), ...navigator.languages], (p) => browser.runtime.getURL(p as '/'));
    },
    fleetStatus: () => sendMessage('getFleetStatus', {}).catch(() => null),
    fetchText: (url, authorization) => fetchReceiverText(url, authorization),
    download: (fileName, mime, text) => downloadText(fileName, mime, text),
    print: () => window.print(),
  };
}
