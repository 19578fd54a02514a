import type { StorageArea } from '../platform/storage-area';
import { parseSettings, type Settings } from './schema';

export const SETTINGS_KEY = 'settings';

/** Read the settings (defaults for anything missing or invalid). */
export async function loadSettings(area: StorageArea): Promise<Settings> {
  return parseSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

/** Merge a change into the stored settings and return the result as stored. */
export async function saveSettings(area: StorageArea, change: Partial<Settings>): Promise<Settings> {
  const next = parseSettings({ ...(await loadSettings(area)), ...change });
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}

/** The history the user keeps (settings → retention), as the store applies it. */
export async function loadRetentionPolicy(area: StorageArea): Promise<{ maxAudits: number; maxDays: number }> {
  const settings = await loadSettings(area);
  return { maxAudits: settings.retentionAudits, maxDays: settings.retentionDays };
}
