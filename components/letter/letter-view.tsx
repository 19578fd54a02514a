import type { Letter } from '../../utils/letter/letter';
import { useI18n } from '../i18n';

/**
 * The letter as it prints: subject, greeting, the audit and its gap score, the employee's reason,
 * one row per service (finding with its evidence line, the sourced customer figure, the ask), the
 * services that could not be checked, and the closing. Drawn in the letter's own language.
 */
export function LetterView({ letter }: { letter: Letter }) {
  const { t } = useI18n();
  return (
    <article class="letter" lang={letter.lang} data-testid="letter" aria-labelledby="letter-subject">
      <p class="letter-subject">
        <strong>{t('letter_subjectLabel')}:</strong> <span id="letter-subject" data-testid="letter-subject">{letter.subject}</span>
      </p>
      <p>{letter.greeting}</p>
      <p>{letter.intro}</p>
      <p data-testid="letter-score">{letter.score}</p>
      <p data-testid="letter-reason">{letter.reason}</p>
      {letter.items.length > 0 && (
        <table class="letter-table" data-testid="letter-items">
          <caption>{t('letter_asksTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('letter_colService')}</th>
              <th scope="col">{t('letter_colFinding')}</th>
              <th scope="col">{t('letter_colUsage')}</th>
              <th scope="col">{t('letter_colAsk')}</th>
            </tr>
          </thead>
          <tbody>
            {letter.items.map((i) => (
              <tr key={i.serviceId} data-service={i.serviceId}>
                <th scope="row">{i.name}</th>
                <td>{i.finding}</td>
                <td>{i.usageUrl ? <a href={i.usageUrl}>{i.usage}</a> : i.usage}</td>
                <td>{i.ask}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {letter.uncheckable && <p class="letter-uncheckable" data-testid="letter-uncheckable">{letter.uncheckable}</p>}
      <p>{letter.closing}</p>
    </article>
  );
}
