import { sendMessage } from '../messaging';
import { createPageBasics } from './extension-api';
import type { FleetPageApi } from './fleet-page-api';
import { fetchReceiverText } from './receiver-fetch';

/** The real `FleetPageApi`, for the entrypoint only. */
export function createFleetPageApi(): FleetPageApi {
  const { loadSettings, loadI18n, download, print } = createPageBasics();
  return {
    loadSettings,
    loadI18n,
    fleetStatus: () => sendMessage('getFleetStatus', {}).catch(() => null),
    fetchText: (url, authorization) => fetchReceiverText(url, authorization),
    download,
    print,
  };
}
