import type { StorageArea } from '../platform/storage-area';

export const INSTALL_ID_KEY = 'fleetInstallId';

/**
 * A random id generated once per install, so IT can tell "one browser audited
 * 30 times" from "30 browsers audited once". It is not derived from anything
 * about the machine or the person, and is sent only in managed uploads.
 */
export async function installId(area: StorageArea, newId: () => string = () => crypto.randomUUID()): Promise<string> {
  const stored = (await area.get(INSTALL_ID_KEY))[INSTALL_ID_KEY];
  if (typeof stored === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(stored)) return stored;
  const id = newId();
  await area.set({ [INSTALL_ID_KEY]: id });
  return id;
}
