import { useState } from 'preact/hooks';
import type { FleetChoices, FleetFilter } from '../../utils/fleet/api';
import { useI18n } from '../i18n';

/** The collector's filters: site, period and catalog version (the population selector is shared with file mode). */
export function FleetFilterBar({ filter, choices, busy, onApply }: { filter: FleetFilter; choices: FleetChoices; busy: boolean; onApply(filter: FleetFilter): void }) {
  const { t } = useI18n();
  const [site, setSite] = useState(filter.sites[0] ?? '');
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const [catalog, setCatalog] = useState(filter.catalogVersion ?? '');
  const apply = (e: Event) => {
    e.preventDefault();
    onApply({
      population: filter.population, sites: site ? [site] : [],
      ...(from ? { from } : {}), ...(to ? { to } : {}), ...(catalog ? { catalogVersion: catalog } : {}),
    });
  };
  const bounds = { min: choices.firstDay ?? undefined, max: choices.lastDay ?? undefined };
  return (
    <form class="fleet-filter no-print" data-testid="fleet-filter" onSubmit={apply}>
      <label>
        {t('fleet_filterSite')}{' '}
        <select id="fleet-filter-site" value={site} onChange={(e) => setSite(e.currentTarget.value)}>
          <option value="">{t('fleet_filterAllSites')}</option>
          {choices.sites.map((s) => <option key={s} value={s}>{s || t('fleet_noSite')}</option>)}
        </select>
      </label>
      <label>{t('fleet_filterFrom')} <input id="fleet-filter-from" type="date" {...bounds} value={from} onInput={(e) => setFrom(e.currentTarget.value)} /></label>
      <label>{t('fleet_filterTo')} <input id="fleet-filter-to" type="date" {...bounds} value={to} onInput={(e) => setTo(e.currentTarget.value)} /></label>
      <label>
        {t('fleet_filterCatalog')}{' '}
        <select id="fleet-filter-catalog" value={catalog} onChange={(e) => setCatalog(e.currentTarget.value)}>
          <option value="">{t('fleet_filterAllCatalogs')}</option>
          {choices.catalogVersions.map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
      </label>
      <button type="submit" disabled={busy}>{t('fleet_filterApply')}</button>
    </form>
  );
}
