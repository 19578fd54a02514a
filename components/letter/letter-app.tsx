import { useMemo, useState } from 'preact/hooks';
import type { PageApi } from '../../utils/ui/page-api';
import type { I18n, LanguageSetting, MessageKey } from '../../utils/i18n';
import type { Report } from '../../utils/report/types';
import { exportFileName, reportToJson } from '../../utils/export/json';
import { pickGap } from '../../utils/ui/gap-view';
import { AUDIENCES, buildLetter, letterMailto, letterText, MAILTO_MAX, NOTE_MAX, REASONS, type LetterChoices } from '../../utils/letter/letter';
import { I18nProvider } from '../i18n';
import { LetterView } from './letter-view';
import { usePageSetup } from '../use-page-setup';

const reasonKey = (r: string) => `letter_reasonOpt_${r.replace(/-/g, '_')}` as MessageKey;

/**
 * "Make the case": the employee picks who the letter is for, why they need the services and the
 * letter's language; the letter is rebuilt from the audit at each change. Print (one page), copy
 * as text, write an e-mail, download the report to attach: nothing leaves the machine unless the
 * employee sends it.
 */
export function LetterApp({ api, auditId, copy }: { api: PageApi; auditId?: string; copy(text: string): Promise<void> }) {
  const [letterI18n, setLetterI18n] = useState<I18n | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [language, setLanguage] = useState<LanguageSetting>('auto');
  const [choices, setChoices] = useState<LetterChoices>({ audience: 'it', reason: 'customer-service', note: '' });
  const [copied, setCopied] = useState(false);
  const [failed, setError] = useState<string>();
  // The letter starts in the page's language; the employee may write it in the other one.
  const page = usePageSetup(api, {
    title: 'letter_pageTitle',
    async ready(_settings, i18n) {
      setLetterI18n(i18n);
      setLanguage(i18n.locale as LanguageSetting);
      const id = auditId ?? (await api.getAuditState({}))?.id;
      const r = id ? await api.getReport({ auditId: id }) : null;
      setReport(r && r.status !== 'running' ? r : null);
    },
  });
  const { settings, i18n: ui } = page;
  const error = failed ?? page.error;

  const pickLanguage = (value: LanguageSetting) => {
    setLanguage(value);
    void api.loadI18n(value).then(setLetterI18n, (e: unknown) => setError(String(e)));
  };
  const population = report && settings && ui ? (pickGap(report, settings.population, ui.locale)?.population ?? (ui.locale === 'fr' ? 'FR' : 'US')) : 'US';
  const letter = useMemo(
    () => (report && letterI18n ? buildLetter(report, population, choices, letterI18n) : null),
    [report, letterI18n, population, choices],
  );
  const mailto = useMemo(() => (letter && letterI18n ? letterMailto(letter, letterI18n) : null), [letter, letterI18n]);

  if (!ui || !settings) return error ? <p role="alert">{error}</p> : null;
  const { t } = ui;
  const set = (change: Partial<LetterChoices>) => {
    setCopied(false);
    setChoices((c) => ({ ...c, ...change }));
  };
  return (
    <I18nProvider value={ui}>
      <main class="letter-page">
        <h1 class="no-print">{t('letter_heading')}</h1>
        {error && <p role="alert">{error}</p>}
        {!report ? (
          <p data-testid="letter-no-audit">{t('letter_noAudit')}</p>
        ) : (
          <>
            <form class="letter-form no-print" onSubmit={(e) => e.preventDefault()}>
              <fieldset>
                <legend>{t('letter_audience')}</legend>
                {AUDIENCES.map((a) => (
                  <label key={a}>
                    <input type="radio" name="audience" value={a} checked={choices.audience === a} data-testid={`letter-audience-${a}`}
                      onChange={() => set({ audience: a })} />
                    {t(`letter_audience_${a}`)}
                  </label>
                ))}
              </fieldset>
              <label>
                {t('letter_reasonLabel')}
                <select value={choices.reason} data-testid="letter-reason-select" onChange={(e) => set({ reason: e.currentTarget.value as LetterChoices['reason'] })}>
                  {REASONS.map((r) => <option key={r} value={r}>{t(reasonKey(r))}</option>)}
                </select>
              </label>
              <label>
                {t('letter_language')}
                <select value={language} data-testid="letter-language" onChange={(e) => pickLanguage(e.currentTarget.value as LanguageSetting)}>
                  <option value="en">{t('language_en')}</option>
                  <option value="fr">{t('language_fr')}</option>
                </select>
              </label>
              <label class="letter-note">
                {t('letter_noteLabel')}
                <textarea rows={3} maxLength={NOTE_MAX} value={choices.note} data-testid="letter-note" onInput={(e) => set({ note: e.currentTarget.value })} />
              </label>
              <div class="letter-actions">
                <button type="button" class="primary" onClick={() => api.print()} data-testid="letter-print">{t('letter_print')}</button>
                <button type="button" data-testid="letter-copy"
                  onClick={() => letter && letterI18n && void copy(letterText(letter, letterI18n)).then(() => setCopied(true), (e: unknown) => setError(String(e)))}>
                  {t('letter_copy')}
                </button>
                {mailto && <a class="button" href={mailto.href} data-testid="letter-mailto">{t('letter_email')}</a>}
                <button type="button" data-testid="letter-report"
                  onClick={() => api.download(exportFileName(report, 'json'), 'application/json', reportToJson(report))}>
                  {t('letter_downloadReport')}
                </button>
              </div>
              <p role="status" data-testid="letter-status">
                {copied ? t('letter_copied') : ''}
                {mailto?.shortened ? ` ${t('letter_emailShortened', MAILTO_MAX)}` : ''}
              </p>
              <p class="muted">{t('letter_localOnly')}</p>
            </form>
            {letter && letterI18n && (
              <I18nProvider value={letterI18n}>
                <LetterView letter={letter} />
              </I18nProvider>
            )}
          </>
        )}
      </main>
    </I18nProvider>
  );
}
