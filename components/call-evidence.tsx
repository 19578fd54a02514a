import type { CallEvidence } from '../utils/verdict/types';
import { callTriedText, mechanismLabel, reasonText, verdictLabel } from '../utils/i18n';
import { useI18n } from './i18n';
import { VerdictBadge } from './verdict-badge';
import { EvidenceRows } from './evidence-rows';

/** What was sent to which STUN/TURN server, and what it answered: candidates, error codes, time to answer, and why (unless `decided`: the channel says it). */
export function CallEvidenceView({ call, decided }: { call: CallEvidence; decided?: boolean }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const rows: [string, string | undefined][] = [
    [t('call_server'), call.url],
    [t('call_tried'), call.server ? callTriedText(t, call.server) : undefined],
    [t('call_candidates'), call.candidateTypes.length ? call.candidateTypes.join(', ') : t('none')],
    [t('call_errors'), call.errors.length ? call.errors.map((e) => `${e.code} ${e.text}`).join('\n') : undefined],
    [t('call_answer'), call.answerMs === undefined ? undefined : fmt.duration(call.answerMs)],
    [t('evidenceRule'), call.reason],
  ];
  return (
    <div class="sub-evidence" data-testid="call-evidence" data-reason={call.reason}>
      <h4>
        {t('call_title')}
        <VerdictBadge verdict={call.verdict} label={call.mechanism ? `${verdictLabel(t, call.verdict)} · ${mechanismLabel(t, call.mechanism)}` : undefined} />
      </h4>
      {/* When the call decided the channel, the channel's own sentence above already says this. */}
      {!decided && <p data-testid="call-sentence">{reasonText(i18n, call.reason) ?? call.detail}</p>}
      <EvidenceRows rows={rows} />
    </div>
  );
}
