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

/**
 * The policy, kept for at most `maxAgeMs` and forgotten as soon as the browser says it changed.
 * Pages poll the background every 300 ms during an audit and each answer applies the policy
 * (who may see which audit); `storage.managed.get()` took 1.6–6 s per call in Chromium during a
 * 300-service audit on a busy machine (measured, docs/scale.md), so every poll waited for it.
 */
export function createManagedConfigCache(read: () => Promise<ManagedConfig>, options: { maxAgeMs?: number; now?: () => number } = {}) {
  const { maxAgeMs = 30_000, now = Date.now } = options;
  let kept: { config: Promise<ManagedConfig>; at: number } | undefined;
  return {
    get(): Promise<ManagedConfig> {
      if (!kept || now() - kept.at > maxAgeMs) {
        const config = read();
        kept = { config, at: now() };
        // A failed read is not kept (readManagedConfig does not fail, a test's reader may).
        config.catch(() => {
          if (kept?.config === config) kept = undefined;
        });
      }
      return kept.config;
    },
    forget(): void {
      kept = undefined;
    },
  };
}

let shared: ReturnType<typeof createManagedConfigCache> | undefined;

/**
 * The policy for answers to pages: `readManagedConfig` through the cache above, forgotten on
 * `storage.onChanged` for the `managed` area (Chromium fires it when policy is reloaded), so a
 * changed policy applies at once; the age limit covers a browser that would not say so.
 */
export function currentManagedConfig(): Promise<ManagedConfig> {
  return sharedCache().get();
}

/** Forget the kept policy now: for a `storage.onChanged` listener that reads it right after. */
export function forgetManagedConfig(): void {
  sharedCache().forget();
}

function sharedCache() {
  if (!shared) {
    const cache = createManagedConfigCache(() => readManagedConfig());
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') cache.forget();
    });
    shared = cache;
  }
  return shared;
}
