import { useI18n } from './i18n';

/**
 * "n of N services checked" as an ARIA progressbar with the same words for screen readers.
 * The text counts services with a verdict; the bar moves with every check (`progress`, in
 * services, see AuditState), since a service's verdict waits for all of its checks.
 */
export function ProgressBar({ done, total, progress = done }: { done: number; total: number; progress?: number }) {
  const { t } = useI18n();
  const text = t('progressText', done, total);
  // Never behind the count nor wider than the bar, even for a moment where a finished batch is counted before the total grows.
  const filled = total > 0 ? Math.min(total, Math.max(done, progress)) : 0;
  const width = total > 0 ? `${((filled / total) * 100).toFixed(1)}%` : '0%';
  return (
    <div class="progress-block">
      <div
        class="progress"
        role="progressbar"
        aria-label={t('progressLabel')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={Math.round(filled * 10) / 10}
        aria-valuetext={text}
        data-testid="progress-bar"
      >
        <div class="progress-fill" style={{ width }} />
      </div>
      <p class="progress-text" data-testid="progress-text" data-done={done} data-total={total}>
        {text}
      </p>
    </div>
  );
}
