import type { FleetAggregate } from '../../utils/fleet/aggregate';
import type { Rejection } from '../../utils/fleet/ingest';
import { useI18n } from '../i18n';

const TOP = 20;

/** Site name for display; reports without a site get a worded label. Always rendered as text. */
function useSiteName() {
  const { t } = useI18n();
  return (site: string) => site || t('fleet_noSite');
}

/**
 * Blocked share per site × category. Colour is an inline hsl() computed from a
 * number (never from report text), and every cell also shows the figure: colour
 * alone would not reach screen readers or a black-and-white printout.
 */
export function FleetHeatmap({ agg }: { agg: FleetAggregate }) {
  const { t, fmt } = useI18n();
  const siteName = useSiteName();
  const cells = new Map(agg.heatmap.map((c) => [`${c.site}\u0000${c.category}`, c]));
  return (
    <section>
      <h2>{t('fleet_heatmap')}</h2>
      <table class="fleet-heatmap" data-testid="fleet-heatmap">
        <thead><tr><th scope="col">{t('fleet_site')}</th>{agg.categories.map((c) => <th scope="col" key={c}>{c}</th>)}</tr></thead>
        <tbody>
          {agg.sites.map((site) => (
            <tr key={site}>
              <th scope="row">{siteName(site)}</th>
              {agg.categories.map((category) => {
                const share = cells.get(`${site}\u0000${category}`)?.blockedShare ?? null;
                const style = share === null ? undefined : { background: `hsl(${Math.round(120 - 120 * share)} 70% 85%)` };
                return <td key={category} style={style}>{share === null ? t('fleet_noFigure') : fmt.percent(share)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Services most blocked across the fleet, weighted by how many customers use them. */
export function FleetTopBlocked({ agg }: { agg: FleetAggregate }) {
  const { t, fmt } = useI18n();
  const siteName = useSiteName();
  const rows = agg.services.filter((s) => s.blocked > 0).slice(0, TOP);
  return (
    <section>
      <h2>{t('fleet_top')}</h2>
      <table data-testid="fleet-top">
        <thead><tr>
          <th scope="col">{t('fleet_service')}</th><th scope="col">{t('fleet_usage')}</th><th scope="col">{t('fleet_blockedRate')}</th>
          <th scope="col">{t('fleet_mechanisms')}</th><th scope="col">{t('fleet_blockedAt')}</th>
        </tr></thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.serviceId}>
              <th scope="row">{s.service}</th>
              <td>{s.usageShare === null ? t('fleet_noFigure') : fmt.percent(s.usageShare)}</td>
              <td>{s.blockedRate === null ? t('fleet_noFigure') : fmt.percent(s.blockedRate)}</td>
              <td>{Object.entries(s.mechanisms).map(([m, n]) => `${m} ${fmt.integer(n)}`).join(', ')}</td>
              <td>{s.blockedAt.map(siteName).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every rejected file or line with its reason, as plain text. */
export function FleetRejected({ rejected }: { rejected: Rejection[] }) {
  const { t } = useI18n();
  if (!rejected.length) return null;
  return (
    <section>
      <h2>{t('fleet_rejectedHeading', rejected.length)}</h2>
      <table data-testid="fleet-rejected">
        <thead><tr><th scope="col">{t('fleet_rejectedSource')}</th><th scope="col">{t('fleet_rejectedReason')}</th></tr></thead>
        <tbody>{rejected.map((r, i) => <tr key={i}><td>{r.source}</td><td>{r.reason}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
