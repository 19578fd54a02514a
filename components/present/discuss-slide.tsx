import type { Population } from '../../utils/catalog/types';
import type { MessageKey } from '../../utils/i18n';
import type { Report } from '../../utils/report/types';
import { letterFindings } from '../../utils/letter/asks';
import { useI18n } from '../i18n';
import { SlideFrame, SourceLine } from './slide-frame';
import type { SlidePlace } from './slide-frame';

const QUESTIONS: MessageKey[] = ['present_discuss_q1', 'present_discuss_q2', 'present_discuss_q3'];

/**
 * Discussion prompts, and what to ask IT: one question per blocking mechanism
 * the audit found, naming the services it blocks, so the request is concrete.
 */
export function DiscussSlide({ report, population, ...place }: SlidePlace & { report: Report | null; population: Population }) {
  const { t, fmt } = useI18n();
  // The same asks as the employee's letter (utils/letter), from the room's live audit: most used services first.
  const asks = report ? letterFindings(report.services, population).asks.slice(0, 3) : [];
  const team = t('letter_team_room');
  return (
    <SlideFrame
      id="discuss"
      title={t('present_discuss_title')}
      source={report ? <SourceLine>{t('present_src_audit', fmt.dateTime(Date.parse(report.startedAt)), `${report.catalog.name} ${report.catalog.version}`)}</SourceLine> : undefined}
      {...place}
    >
      <div class="two-cols">
        <div class="col">
          <h3>{t('present_discuss_questions')}</h3>
          <ul class="big-list questions">{QUESTIONS.map((k) => <li key={k}>{t(k)}</li>)}</ul>
        </div>
        <div class="col col-ask">
          <h3>{t('present_ask_title')}</h3>
          <ul class="big-list asks" data-testid="asks">
            {asks.map((a) => (
              <li key={a.serviceId} data-service={a.serviceId} data-kind={a.kind}>
                <strong>{a.name}</strong>: {t(`letter_ask_${a.kind.replace(/-/g, '_')}` as MessageKey, a.host, team)}
              </li>
            ))}
            <li>{t(report ? 'present_ask_retest' : 'present_ask_noAudit')}</li>
          </ul>
        </div>
      </div>
    </SlideFrame>
  );
}
