import { browser } from 'wxt/browser';
import { parseManagedConfig, type ManagedConfig } from './schema';

/** The slice of a `storage` area this module reads; tests pass a fake. */
export interface ManagedArea {
  get(): Promise<Record<string, unknown>>;
}

/**
 * Read the policy. `storage.managed` throws where it does not exist (Firefox
 * without an enterprise policy, Chromium builds without a schema): that is an
 * unmanaged browser, not an error.
 */
export async function readManagedConfig(area: ManagedArea | undefined = browser.storage.managed): Promise<ManagedConfig> {
  try {
    return parseManagedConfig(area ? await area.get() : {});
  } catch {
    return parseManagedConfig({});
  }
}
