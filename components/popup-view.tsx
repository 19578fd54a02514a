import type { AuditState } from '../utils/audit/state';
import type { Report } from '../utils/report/types';
import type { GapScore } from '../utils/gap';
import { useI18n } from './i18n';
import { ProgressBar } from './progress-bar';
import { GapScoreCard } from './gap-score';
import { TopBlocked } from './top-blocked';
import { LandedList } from './landed-list';
import { ErrorAlert } from './error-alert';
import { AuditAnnouncement } from './audit-announcement';
import { ControlAlert } from './control-alert';

export interface PopupViewProps {
  state: AuditState | null;
  report: Report | null;
  gap: GapScore | undefined;
  error?: string;
  /** The latest audit is one of IT's scheduled audits, which the policy keeps from employees. */
  hiddenScheduled?: boolean;
  onStart(): void;
  onOpenDashboard(): void;
}

/** The popup's content, pure: one button, live progress, the gap, the top blocked services. */
export function PopupView({ state, report, gap, error, hiddenScheduled, onStart, onOpenDashboard }: PopupViewProps) {
  const { t, fmt } = useI18n();
  const running = state?.status === 'running';
  const names = new Map(report?.services.map((s) => [s.id, s.name]) ?? []);
  return (
    <main class="popup">
      <header>
        <h1>{t('extName')}</h1>
        <p class="muted">{t('appTagline')}</p>
      </header>
      <button type="button" class="primary run" onClick={onStart} disabled={running} aria-busy={running} data-testid="run">
        {running ? t('auditRunning') : t('runAudit')}
      </button>
      <ErrorAlert error={error ?? state?.error} />
      <AuditAnnouncement state={state} report={report} gap={gap} />
      {hiddenScheduled && <p class="muted" data-testid="hidden-scheduled">{t('fleetStatus_hiddenAudits')}</p>}
      {!state && !error && !hiddenScheduled && <p>{t('noAuditYet')}</p>}
      {state && (
        <>
          <ProgressBar done={state.done} total={state.total} progress={state.progress} />
          {running && <LandedList verdicts={state.verdicts} names={names} />}
          <ControlAlert control={state.control} />
          {!running && <p class="muted" data-testid="last-checked">{t('lastChecked', fmt.relative(state.finishedAt ?? state.startedAt))}</p>}
        </>
      )}
      {report && !running && (
        <>
          <GapScoreCard gap={gap} />
          {gap && <TopBlocked services={report.services} population={gap.population} />}
          <p>
            <a href={`/letter.html#audit=${encodeURIComponent(report.id)}`} target="_blank" rel="noopener" data-testid="popup-make-case" title={t('letter_makeCaseHint')}>
              {t('letter_makeCase')}
            </a>
          </p>
        </>
      )}
      <p>
        <button type="button" class="link" onClick={onOpenDashboard} data-testid="open-dashboard">
          {t('openDashboard')}
        </button>
      </p>
    </main>
  );
}
