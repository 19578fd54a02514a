import { DEFAULT_THROTTLE_OPTIONS } from '../utils/verdict/throughput';
import type { ThroughputEvidence, ThroughputSide, Verdict } from '../utils/verdict/types';
import type { MessageKey } from '../utils/i18n';
import { useI18n } from './i18n';
import { VerdictBadge } from './verdict-badge';

const OUTCOME_VERDICT: Record<ThroughputEvidence['outcome'], Verdict> = {
  throttled: 'throttled',
  'not-throttled': 'reachable',
  inconclusive: 'inconclusive',
};

/**
 * The media host against the control download of the same run: median speed, samples,
 * downloads, bytes and time to first byte side by side, the ratio against the threshold,
 * and one sentence saying why the outcome is what it is.
 */
export function ThroughputEvidenceView({ evidence: e }: { evidence: ThroughputEvidence }) {
  const { t, fmt } = useI18n();
  const key = (s: string) => s.replaceAll('-', '_');
  const figure = (label: string, of: (side: ThroughputSide) => string | undefined) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td class="num">{of(e.service) ?? t('none')}</td>
      <td class="num">{e.control ? (of(e.control) ?? t('none')) : t('none')}</td>
    </tr>
  );
  const pct = (n: number) => fmt.smallPercent(n);
  // The report rounds the ratio to 3 decimals (0 for a host 3,000× slower): recompute it from the rates shown.
  const ratio = e.ratio !== undefined && e.service.kBps !== undefined && e.control?.kBps ? e.service.kBps / e.control.kBps : e.ratio;
  const sentence: Record<string, () => string> = {
    'below-control': () => t('throughput_below_control', pct(ratio ?? 0), pct(e.fraction)),
    comparable: () => t('throughput_comparable', pct(ratio ?? 0), pct(e.fraction)),
    'fast-enough': () => t('throughput_fast_enough', fmt.kBps(DEFAULT_THROTTLE_OPTIONS.fastEnoughBps / 1000)),
    'too-small': () => t('throughput_too_small', fmt.bytes(e.service.bytes)),
    'few-samples': () => t('throughput_few_samples', fmt.integer(e.service.samples), fmt.integer(DEFAULT_THROTTLE_OPTIONS.minSamples)),
    'no-control': () => t('throughput_no_control'),
    skipped: () => t('throughput_skipped'),
    'discovery-failed': () => t('throughput_discovery_failed'),
  };
  const d = e.discovery;
  return (
    <div class="sub-evidence" data-testid="throughput-evidence" data-outcome={e.outcome} data-reason={e.reason}>
      <h4>
        {t('throughput_title')}
        <VerdictBadge verdict={OUTCOME_VERDICT[e.outcome]} label={t(`throughput_outcome_${key(e.outcome)}` as MessageKey)} />
      </h4>
      <p data-testid="throughput-sentence">{sentence[e.reason]?.() ?? e.reason}</p>
      <table class="figures">
        <thead>
          <tr>
            <th scope="col">{t('throughput_figure')}</th>
            <th scope="col">{t('throughput_colService')}</th>
            <th scope="col">{t('throughput_colControl')}</th>
          </tr>
        </thead>
        <tbody>
          {figure(t('throughput_speed'), (s) => (s.kBps === undefined ? undefined : fmt.kBps(s.kBps)))}
          {figure(t('throughput_samples'), (s) => fmt.integer(s.samples))}
          {figure(t('throughput_downloads'), (s) => fmt.integer(s.downloads))}
          {figure(t('throughput_bytes'), (s) => fmt.bytes(s.bytes))}
          {figure(t('throughput_ttfb'), (s) => (s.ttfbMs === undefined ? undefined : fmt.duration(s.ttfbMs)))}
        </tbody>
      </table>
      {!!e.service.burstBytes && e.service.judgedBytes !== undefined && (
        <p class="muted" data-testid="throughput-burst">
          {t('throughput_burst', fmt.bytes(e.service.judgedBytes), fmt.bytes(e.service.burstBytes), fmt.bytes(e.service.bytes))}
        </p>
      )}
      {d && (
        <p class="muted" data-testid="throughput-discovery">
          {t('throughput_discovery', new URL(d.api).host, d.url ?? d.error ?? '')}
        </p>
      )}
      {ratio !== undefined && <p class="muted" data-testid="throughput-ratio">{t('throughput_ratio', pct(ratio), pct(e.fraction))}</p>}
      <p class="muted evidence-urls">
        <code>{e.service.url}</code>
        {e.control && (
          <>
            {' · '}
            <code>{e.control.url}</code>
          </>
        )}
      </p>
    </div>
  );
}
