import { useI18n } from './i18n';

/** "n of N services checked" as an ARIA progressbar with the same words for screen readers. */
export function ProgressBar({ done, total }: { done: number; total: number }) {
  const { t } = useI18n();
  const text = t('progressText', done, total);
  // Never wider than the bar, even for a moment where a finished batch is counted before the total grows.
  const width = total > 0 ? `${Math.min(100, Math.round((done / total) * 100))}%` : '0%';
  return (
    <div class="progress-block">
      <div
        class="progress"
        role="progressbar"
        aria-label={t('progressLabel')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={text}
      >
        <div class="progress-fill" style={{ width }} />
      </div>
      <p class="progress-text" data-testid="progress-text" data-done={done} data-total={total}>
        {text}
      </p>
    </div>
  );
}
