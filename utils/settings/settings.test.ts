import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, loadSettings, parseSettings, saveSettings, SETTINGS_KEY } from '.';

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());
  const area = () => fakeBrowser.storage.local as unknown as Parameters<typeof loadSettings>[0];

  it('gives defaults on a fresh install', async () => {
    expect(await loadSettings(area())).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ language: 'auto', population: 'auto', labelNetwork: false });
  });

  it('saves a change and keeps the rest', async () => {
    await saveSettings(area(), { language: 'fr', retentionAudits: 5 });
    const saved = await loadSettings(area());
    expect(saved).toMatchObject({ language: 'fr', retentionAudits: 5, timeoutMs: 8000 });
  });

  it.each([
    [{ language: 'de' }, 'language', 'auto'],
    [{ timeoutMs: 5 }, 'timeoutMs', 8000],
    [{ retentionDays: -1 }, 'retentionDays', 180],
    [{ population: 'XX' }, 'population', 'auto'],
    [{ networkLabel: 'x'.repeat(200) }, 'networkLabel', ''],
  ])('defaults a bad field %o without losing the others', (raw, field, expected) => {
    const parsed = parseSettings({ ...raw, labelNetwork: true });
    expect(parsed[field as keyof typeof parsed]).toEqual(expected);
    expect(parsed.labelNetwork).toBe(true);
  });

  it('drops unknown keys and survives garbage in storage', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: 'garbage' });
    expect(await loadSettings(area())).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ email: 'a@b.c' })).not.toHaveProperty('email');
  });
});
