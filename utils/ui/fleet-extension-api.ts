import { browser } from 'wxt/browser';
import { downloadText } from '../export/download';
import { loadI18n } from '../i18n';
import { sendMessage } from '../messaging';
import type { StorageArea } from '../platform/storage-area';
import { loadSettings } from '../settings';
import type { FleetPageApi } from './fleet-page-api';
import { readTextCapped } from '../http/read-capped';
import { MAX_FILE_BYTES } from '../fleet/ingest';

/** The real `FleetPageApi`, for the entrypoint only. */
export function createFleetPageApi(): FleetPageApi {
  const area = browser.storage.local as unknown as StorageArea;
  return {
    async loadI18n() {
      const { language } = await loadSettings(area);
      return loadI18n(language, [browser.i18n.getUILanguage(), ...navigator.languages], (p) => browser.runtime.getURL(p as '/'));
    },
    fleetStatus: () => sendMessage('getFleetStatus', {}).catch(() => null),
    async fetchText(url, authorization) {
      // credentials 'omit': the receiver is authorised by the header IT chose, never by the user's cookies.
      const response = await fetch(url, { credentials: 'omit', cache: 'no-store', ...(authorization ? { headers: { authorization } } : {}) });
      if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
      // The same cap as an NDJSON file the user opens (ingest.ts).
      return readTextCapped(response, MAX_FILE_BYTES);
    },
    download: (fileName, mime, text) => downloadText(fileName, mime, text),
    print: () => window.print(),
  };
}
