/**
 * The slice of `browser.storage.local` the stores need (settings, custom catalog, fleet state,
 * presentation deck). Injected everywhere so tests pass a fake; the pages and the background pass
 * `browser.storage.local`. This folder holds platform types every layer may take as a dependency.
 */
export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}
