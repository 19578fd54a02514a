import type { Verdict } from '../utils/verdict/types';
import { verdictLabel } from '../utils/i18n';
import { useI18n } from './i18n';

// One shape per verdict (check, gauge, half circle, barred circle, question mark) so
// verdicts read without colour, in print and for colour-blind users. Inline SVG:
// emoji fonts are not always installed.
const PATHS: Record<Verdict, string> = {
  reachable: 'M3 8.5l3.2 3.2L13 4.8',
  throttled: 'M2.5 11a5.5 5.5 0 0 1 11 0M8 11l2.5-3.5',
  partial: 'M8 2.5a5.5 5.5 0 0 0 0 11zM8 2.5a5.5 5.5 0 0 1 0 11',
  blocked: 'M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M4.1 4.1l7.8 7.8',
  inconclusive: 'M5.8 5.8a2.2 2.2 0 1 1 3 2c-.6.3-.8.8-.8 1.5v.6M8 12.2v.3',
};

/** A verdict as icon + word (e.g. ⊘ Blocked). `label` overrides the word, e.g. with a mechanism. */
export function VerdictBadge({ verdict, label }: { verdict: Verdict; label?: string }) {
  const { t } = useI18n();
  return (
    <span class={`verdict verdict-${verdict}`} data-verdict={verdict}>
      <svg viewBox="0 0 16 16" aria-hidden="true" fill={verdict === 'partial' ? 'currentColor' : 'none'}>
        <path d={PATHS[verdict]} stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
      </svg>
      {label ?? verdictLabel(t, verdict)}
    </span>
  );
}
