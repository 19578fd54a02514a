import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { Channel, Population } from '../utils/catalog/types';
import { CHANNELS } from '../utils/catalog/types';
import type { ReportService } from '../utils/report/types';
import { categoryLabel, channelLabel, mechanismLabel, verdictLabel } from '../utils/i18n';
import { categoriesOf, groupServices, type SortKey } from '../utils/ui/table-rows';
import { shareOf } from '../utils/ui/gap-view';
import { useI18n } from './i18n';
import { VerdictBadge } from './verdict-badge';
import { EvidenceView } from './evidence-view';
import { TlsMarker } from './tls-marker';

/**
 * Every service, grouped by category, with its verdict per channel and
 * customer share; filters, sortable headers (aria-sort) and an evidence row
 * per service that opens with a real button (keyboard and screen readers).
 */
export function ResultsTable({ services, population }: { services: ReportService[]; population: Population }) {
  const i18n = useI18n();
  const { t, fmt, locale } = i18n;
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [category, setCategory] = useState('all');
  const [sort, setSort] = useState<SortKey>('share');
  const [open, setOpen] = useState<Set<string>>(new Set());
  const groups = groupServices(services, population, { problemsOnly, category }, sort, new Intl.Collator(locale));
  const toggle = (id: string) => setOpen((o) => new Set(o.has(id) ? [...o].filter((x) => x !== id) : [...o, id]));
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (key === 'share' ? 'descending' : 'ascending') : undefined}>
      <button type="button" class="sort" onClick={() => setSort(key)} data-sort={key}>
        {label}
        <span aria-hidden="true">{sort === key ? (key === 'share' ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  const cell = (s: ReportService, channel: Channel) => {
    const c = s.channels.find((x) => x.channel === channel);
    return (
      <td>
        {c ? (
          <>
            <VerdictBadge verdict={c.verdict} />
            <TlsMarker tls={c.evidence.tls} />
          </>
        ) : (
          <span class="muted">{t('channelNotProbed')}</span>
        )}
      </td>
    );
  };
  return (
    <div>
      <div class="filters no-print">
        <label>
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.currentTarget.checked)} data-testid="filter-problems" />{' '}
          {t('filterBlockedOnly')}
        </label>
        <label>
          {t('filterCategory')}{' '}
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value)} data-testid="filter-category">
            <option value="all">{t('filterAllCategories')}</option>
            {categoriesOf(services).map((c) => (
              <option key={c} value={c}>
                {categoryLabel(i18n, c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table class="results" data-testid="results">
        <caption>{t('tableCaption')}</caption>
        <thead>
          <tr>
            {header('name', t('colService'))}
            {header('share', t('colShare'))}
            {header('verdict', t('colVerdict'))}
            {CHANNELS.map((c) => (
              <th scope="col" key={c}>{channelLabel(t, c)}</th>
            ))}
            <th scope="col" class="no-print">{t('colEvidence')}</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.category}>
            <tr class="group">
              <th scope="rowgroup" colSpan={7}>{categoryLabel(i18n, g.category)}</th>
            </tr>
            {g.services.map((s) => {
              const share = shareOf(s, population);
              const evidenceId = `evidence-${s.id}`;
              return (
                <Fragment key={s.id}>
                  <tr data-service={s.id} data-verdict={s.verdict}>
                    <th scope="row">{s.name}</th>
                    <td class="num">{share === null ? <span class="muted">{t('noFigure')}</span> : fmt.percent(share)}</td>
                    <td>
                      <VerdictBadge verdict={s.verdict} label={s.mechanism ? `${verdictLabel(t, s.verdict)} · ${mechanismLabel(t, s.mechanism)}` : undefined} />
                    </td>
                    {CHANNELS.map((c) => <Fragment key={c}>{cell(s, c)}</Fragment>)}
                    <td class="no-print">
                      <button type="button" aria-expanded={open.has(s.id)} aria-controls={evidenceId} aria-label={t('showEvidence', s.name)} onClick={() => toggle(s.id)} data-testid={`evidence-button-${s.id}`}>
                        {t('evidenceButton')}
                      </button>
                    </td>
                  </tr>
                  {open.has(s.id) && (
                    <tr class="evidence-row">
                      <td colSpan={7}>
                        <EvidenceView service={s} id={evidenceId} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        ))}
      </table>
      {groups.length === 0 && <p>{t('noMatches')}</p>}
    </div>
  );
}
