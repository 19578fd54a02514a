import type { Catalog } from '../../utils/catalog/schema';
import type { Population } from '../../utils/catalog/types';
import { probedServices } from '../../utils/audit/plan';
import { mechanismLabel } from '../../utils/i18n';
import { shareOf } from '../../utils/ui/gap-view';
import type { Verdict } from '../../utils/verdict/types';
import type { AuditView } from '../use-audit';
import { useI18n } from '../i18n';
import { ProgressBar } from '../progress-bar';
import { VerdictBadge } from '../verdict-badge';
import { SlideFrame, SourceLine } from './slide-frame';
import type { SlidePlace } from './slide-frame';

const COUNTED: Verdict[] = ['blocked', 'partial', 'throttled', 'reachable', 'inconclusive'];
/** Tiles that fit the slide at 1280×720 with the type readable from the back of the room. */
const MAX_TILES = 8;

export interface AuditSlideProps extends SlidePlace {
  audit: AuditView;
  catalog: Catalog;
  population: Population;
}

/**
 * The live audit of the room's network: one button, visible progress, and the
 * blocked services landing one by one (most used first), each with what blocked it.
 */
export function AuditSlide({ audit, catalog, population, ...place }: AuditSlideProps) {
  const { t, fmt } = useI18n();
  const { state, report } = audit;
  const running = state?.status === 'running';
  const counts = new Map<Verdict, number>(Object.entries(state?.counts ?? {}) as [Verdict, number][]);
  const hit = (report?.services ?? [])
    .filter((s) => s.verdict === 'blocked' || s.verdict === 'partial' || s.verdict === 'throttled')
    .sort((a, b) => (shareOf(b, population) ?? -1) - (shareOf(a, population) ?? -1) || a.name.localeCompare(b.name));
  const catalogName = `${catalog.name} ${catalog.version}`;
  const source = state
    ? t('present_src_audit', fmt.dateTime(state.startedAt), `${state.catalogName} ${state.catalogVersion}`)
    : t('present_src_audit_pending', catalogName);
  return (
    <SlideFrame id="audit" title={t('present_audit_title')} source={<SourceLine>{source}</SourceLine>} {...place}>
      <div class="audit-layout">
        <div class="audit-run">
          {!state && <p class="lead">{t('present_audit_idle', probedServices(catalog).length)}</p>}
          <button type="button" class="primary big-button" data-testid="present-audit-start" disabled={running} onClick={() => void audit.start()}>
            {running ? t('present_audit_running') : state ? t('present_audit_again') : t('present_audit_start')}
          </button>
          {state && <ProgressBar done={state.done} total={state.total} progress={state.progress} />}
          {state && (
            <ul class="verdict-counts" data-testid="verdict-counts">
              {COUNTED.flatMap((v) => {
                const count = counts.get(v);
                return count ? [[v, count] as const] : [];
              }).map(([v, count]) => (
                <li key={v} data-verdict={v}>
                  <span class="count">{fmt.integer(count)}</span> <VerdictBadge verdict={v} />
                </li>
              ))}
            </ul>
          )}
          {state?.control && !state.control.ok && <p class="alert">{t('present_audit_controlFailed')}</p>}
          {audit.error && <p class="alert" role="alert">{audit.error}</p>}
        </div>
        {state && (
          <div class="audit-hits">
            <h3>{t('present_audit_blocked')}</h3>
            {hit.length === 0 ? (
              <p class="muted">{t('present_audit_noneBlocked')}</p>
            ) : (
              <ul class={`tiles ${running ? 'live' : ''}`} data-testid="present-blocked" aria-live="polite">
                {hit.slice(0, MAX_TILES).map((s) => (
                  <li key={s.id} class={`tile tile-${s.verdict}`} data-service={s.id} data-verdict={s.verdict}>
                    <span class="tile-name">{s.name}</span>
                    <VerdictBadge verdict={s.verdict} {...(s.mechanism ? { label: mechanismLabel(t, s.mechanism) } : {})} />
                  </li>
                ))}
              </ul>
            )}
            {hit.length > MAX_TILES && <p class="aside">{t('present_audit_more', hit.length - MAX_TILES)}</p>}
          </div>
        )}
      </div>
    </SlideFrame>
  );
}
