import { useState } from 'preact/hooks';
import type { Settings } from '../utils/settings';
import { LOCALES, populationLabel, type MessageKey } from '../utils/i18n';
import { POPULATIONS } from '../utils/catalog/types';
import { TIMEOUT_RANGE } from '../utils/audit/settings';
import { LABEL_MAX } from '../utils/catalog/label-rules';
import { MAX_AUDIT_DOWNLOAD_BYTES } from '../utils/probe/throughput-limits';
import { useI18n } from './i18n';

/**
 * Settings form: language, probe timeout, population, retention and the
 * opt-ins. Saving hands the change to `onSave`; the page stores it and
 * switches language at once if it changed.
 */
export function SettingsPanel({ settings, onSave }: { settings: Settings; onSave(next: Settings): Promise<void> }) {
  const { t, fmt } = useI18n();
  const [draft, setDraft] = useState(settings);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const int = (value: string, fallback: number) => (Number.isFinite(Number.parseInt(value, 10)) ? Number.parseInt(value, 10) : fallback);
  return (
    <form
      class="settings"
      data-testid="settings"
      onSubmit={async (e) => {
        e.preventDefault();
        await onSave(draft);
        setSaved(true);
      }}
    >
      <label>
        {t('settingsLanguage')}
        <select value={draft.language} onChange={(e) => set('language', e.currentTarget.value as Settings['language'])} data-testid="setting-language">
          <option value="auto">{t('languageAuto')}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`language_${l}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('settingsAudit')}</legend>
        <label>
          {t('settingsTimeout')}
          <input type="number" min={TIMEOUT_RANGE.min / 1000} max={TIMEOUT_RANGE.max / 1000} step={1} value={draft.timeoutMs / 1000}
            onChange={(e) => set('timeoutMs', int(e.currentTarget.value, draft.timeoutMs / 1000) * 1000)} />
        </label>
        <label>
          {t('settingsPopulation')}
          <select value={draft.population} onChange={(e) => set('population', e.currentTarget.value as Settings['population'])}>
            <option value="auto">{t('populationAuto')}</option>
            {POPULATIONS.map((p) => (
              <option key={p} value={p}>{populationLabel(t, p)}</option>
            ))}
          </select>
        </label>
        <p class="muted" data-testid="download-cap">{t('settingsDownloadCap', fmt.bytes(MAX_AUDIT_DOWNLOAD_BYTES))}</p>
      </fieldset>
      <fieldset>
        <legend>{t('settingsRetention')}</legend>
        <label>
          {t('settingsRetentionAudits')}
          <input type="number" min={0} max={1000} value={draft.retentionAudits} onChange={(e) => set('retentionAudits', int(e.currentTarget.value, draft.retentionAudits))} />
        </label>
        <label>
          {t('settingsRetentionDays')}
          <input type="number" min={0} max={3650} value={draft.retentionDays} onChange={(e) => set('retentionDays', int(e.currentTarget.value, draft.retentionDays))} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('settingsOptIns')}</legend>
        <label class="check">
          <input type="checkbox" checked={draft.labelNetwork} onChange={(e) => set('labelNetwork', e.currentTarget.checked)} />
          {t('settingsLabelNetwork')}
        </label>
        {draft.labelNetwork && (
          <label>
            {t('settingsNetworkLabel')}
            <input type="text" maxLength={LABEL_MAX.networkLabel} value={draft.networkLabel} onInput={(e) => set('networkLabel', e.currentTarget.value)} />
          </label>
        )}
        <label class="check">
          <input type="checkbox" checked={draft.openDashboardWhenDone} onChange={(e) => set('openDashboardWhenDone', e.currentTarget.checked)} />
          {t('settingsOpenDashboard')}
        </label>
      </fieldset>
      <p class="muted">{t('settingsPrivacy')}</p>
      <button type="submit" class="primary" data-testid="settings-save">{t('settingsSave')}</button>
      <p role="status">{saved ? t('settingsSaved') : ''}</p>
    </form>
  );
}
