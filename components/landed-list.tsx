import type { ServiceVerdict } from '../utils/verdict/types';
import { useI18n } from './i18n';
import { VerdictBadge } from './verdict-badge';

/**
 * The last services whose verdict landed, newest first, announced politely to
 * screen readers so a running audit can be followed without looking.
 */
export function LandedList({ verdicts, names, limit = 4 }: { verdicts: ServiceVerdict[]; names: Map<string, string>; limit?: number }) {
  const { t } = useI18n();
  const latest = verdicts.slice(-limit).reverse();
  return (
    <section aria-labelledby="landed-title">
      <h2 id="landed-title" class="visually-hidden">
        {t('landedTitle')}
      </h2>
      <ul class="landed" aria-live="polite" data-testid="landed">
        {latest.map((v) => (
          <li key={v.serviceId}>
            <span>{names.get(v.serviceId) ?? v.serviceId}</span> <VerdictBadge verdict={v.verdict} />
          </li>
        ))}
      </ul>
    </section>
  );
}
