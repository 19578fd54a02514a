/** The slice of `browser.storage.local` used for small fleet state; tests pass a fake. */
export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export const INSTALL_ID_KEY = 'fleetInstallId';

/**
 * A random id generated once per install, so IT can tell "one browser audited
 * 30 times" from "30 browsers audited once". It is not derived from anything
 * about the machine or the person, and is sent only in managed uploads.
 */
export async function installId(area: LocalArea, newId: () => string = () => crypto.randomUUID()): Promise<string> {
  const stored = (await area.get(INSTALL_ID_KEY))[INSTALL_ID_KEY];
  if (typeof stored === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(stored)) return stored;
  const id = newId();
  await area.set({ [INSTALL_ID_KEY]: id });
  return id;
}
