import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuditState } from '../utils/audit/state';
import type { Report } from '../utils/report/types';
import type { GapScore } from '../utils/gap';
import { useI18n } from './i18n';

/**
 * A screen reader hears the end of an audit in words ("Audit finished: 7 of 43 services
 * blocked…"), not only a progress bar reaching its end. The live region is always in the page
 * (a region added with its text is often not read) and speaks only when an audit it saw running
 * finishes, so reopening the popup on an old audit says nothing.
 */
export function AuditAnnouncement({ state, report, gap }: { state: AuditState | null; report: Report | null; gap: GapScore | undefined }) {
  const { t, fmt } = useI18n();
  const sawRunning = useRef(false);
  const [text, setText] = useState('');
  const running = state?.status === 'running';
  useEffect(() => {
    if (running) {
      sawRunning.current = true;
      setText('');
      return;
    }
    // The state turns complete a moment before the finished report is read: wait for that report.
    if (!sawRunning.current || !state || report?.id !== state.id || report.status === 'running') return;
    sawRunning.current = false;
    if (state.control && !state.control.ok) return setText(t('auditDone_control'));
    const count = (v: string) => report.services.filter((s) => s.verdict === v).length;
    const probed = report.services.length;
    const share = gap?.overall.blockedShare;
    setText(
      [
        t('auditDone_counts', count('blocked'), probed, count('throttled') + count('partial'), count('inconclusive')),
        share === null || share === undefined ? t('auditDone_noScore') : t('auditDone_score', fmt.percent(share)),
      ].join(' '),
    );
  }, [running, state?.id, report?.id, report?.status, gap]);
  return (
    <p class="visually-hidden" role="status" aria-atomic="true" data-testid="audit-announcement">
      {text}
    </p>
  );
}
