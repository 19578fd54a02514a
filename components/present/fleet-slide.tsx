import { categoryLabel, populationLabel } from '../../utils/i18n';
import type { FleetSlideData } from '../../utils/present/fleet-sites';
import { useI18n } from '../i18n';
import { SlideFrame, SourceLine } from './slide-frame';
import type { SlidePlace } from './slide-frame';

/** Heat colour for a blocked share: red mixed in proportion to the share, so 0 % reads as white. */
const heat = (share: number | null) => (share === null ? undefined : { '--heat': `${Math.round(share * 100)}%` });
/** White text from half-red up: dark text on a deep red would not pass contrast. */
const hot = (share: number | null) => (share !== null && share >= 0.5 ? 'heat hot' : 'heat');

/**
 * The organisation's own audits, imported by the trainer: blocked share of
 * customer usage per site and category, from the fleet aggregation. The deck
 * skips this slide when nothing was imported.
 */
export function FleetSlide({ data, ...place }: SlidePlace & { data: FleetSlideData | null }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  if (!data) return null;
  const date = (iso: string) => fmt.date(Date.parse(iso));
  const list = (items: string[]) => new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(items);
  const source = t('present_src_fleet', fmt.integer(data.reports), date(data.firstAt), date(data.lastAt), populationLabel(t, data.population));
  const title = data.organisations.length === 1 ? `${t('present_fleet_title')} — ${data.organisations[0]}` : t('present_fleet_title');
  return (
    <SlideFrame id="fleet" title={title} source={<SourceLine>{source}</SourceLine>} {...place}>
      <table class="fleet-table" data-testid="fleet-table">
        <caption>{t('present_fleet_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('present_fleet_site')}</th>
            <th scope="col" class="num">{t('present_fleet_reports')}</th>
            {data.categories.map((c) => <th scope="col" key={c}>{categoryLabel(i18n, c)}</th>)}
          </tr>
        </thead>
        <tbody>
          {data.sites.map((row) => (
            <tr key={row.site} data-site={row.site}>
              <th scope="row">{row.site || t('present_fleet_noSite')}</th>
              <td class="num">{fmt.integer(row.reports)}</td>
              {row.cells.map((share, i) => (
                <td key={data.categories[i]} class={hot(share)} style={heat(share)}>
                  {share === null ? '—' : fmt.percent(share)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="fleet-top">
        {data.top.map((s) => (
          <li key={s.serviceId}>{t('present_fleet_top', s.service, list(s.blockedAt.map((site) => site || t('present_fleet_noSite'))))}</li>
        ))}
      </ul>
    </SlideFrame>
  );
}
