import { useEffect, useMemo, useState } from 'preact/hooks';
import { POPULATIONS, type Population } from '../../utils/catalog/types';
import { aggregateFleet, defaultFleetPopulation } from '../../utils/fleet/aggregate';
import { fleetToCsv } from '../../utils/fleet/fleet-csv';
import { emptyLoad, fileSizeRejection, ingestText, type FleetLoad } from '../../utils/fleet/ingest';
import { aggregateUrl, type FleetAggregateAnswer, type FleetFilter } from '../../utils/fleet/api';
import type { FleetPageApi } from '../../utils/ui/fleet-page-api';
import { I18nProvider } from '../i18n';
import { usePageSetup } from '../use-page-setup';
import { FleetFilterBar } from './fleet-filter';
import { FleetLoader } from './fleet-loader';
import { FleetHeatmap, FleetRejected, FleetTopBlocked } from './fleet-tables';
import { FleetTrend } from './fleet-trend';

/** The collector a page is connected to, and its last answer. */
interface Remote {
  url: string;
  auth: string;
  answer: FleetAggregateAnswer;
}

/**
 * The fleet page. Two sources: files (several, a folder, drop), validated one by
 * one (`ingestText`) and aggregated here by pure functions, for offline review; or
 * the collector, which aggregates on its side and answers only what the page shows
 * (`GET /api/aggregate`, filtered by site, period and catalog version), so the page
 * never downloads the fleet's reports. Shown as text only — report content never
 * reaches the DOM as HTML (Preact escapes every string).
 */
export function FleetApp({ api }: { api: FleetPageApi }) {
  const { i18n } = usePageSetup(api, { title: 'fleet_title' });
  const [load, setLoad] = useState<FleetLoad>(emptyLoad);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [population, setPopulation] = useState<Population | null>(null);
  const [receiver, setReceiver] = useState('');
  const [remote, setRemote] = useState<Remote | null>(null);

  useEffect(() => {
    void api.fleetStatus().then((s) => s?.upload.url && setReceiver(new URL(s.upload.url).origin));
  }, []);

  const reports = useMemo(() => [...load.reports.values()].map((r) => r.report), [load, version]);
  const pop = remote?.answer.filter.population ?? population ?? defaultFleetPopulation(reports);
  const local = useMemo(() => aggregateFleet(reports, pop), [reports, pop]);
  const agg = remote ? remote.answer.aggregate : local;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setVersion((v) => v + 1);
      setBusy(false);
    }
  };
  const onFiles = (files: File[]) =>
    run(async () => {
      setRemote(null);
      for (const file of files) {
        const tooBig = fileSizeRejection(file.name, file.size);
        if (tooBig) load.rejected.push(tooBig);
        else ingestText(load, file.webkitRelativePath || file.name, await file.text());
      }
    });
  const fetchAggregate = (url: string, auth: string, filter: FleetFilter) =>
    run(async () => {
      const answer = JSON.parse(await api.fetchText(aggregateUrl(url, filter), auth || undefined)) as FleetAggregateAnswer;
      if (!Array.isArray(answer?.aggregate?.facts) || !Array.isArray(answer?.choices?.sites)) throw new Error(`${url} is not an Access Gap collector`);
      setRemote({ url, auth, answer });
    });
  const onReceiver = (url: string, auth: string) => fetchAggregate(url, auth, { population: pop, sites: [] });
  const onPopulation = (p: Population) => (remote ? fetchAggregate(remote.url, remote.auth, { ...remote.answer.filter, population: p }) : setPopulation(p));

  if (!i18n) return null;
  const { t, fmt } = i18n;
  return (
    <I18nProvider value={i18n}>
      <main class="fleet">
        <h1>{t('fleet_heading')}</h1>
        <p class="no-print">{t('fleet_intro')}</p>
        <div class="no-print"><FleetLoader busy={busy} initialUrl={receiver} key={receiver} onFiles={onFiles} onReceiver={onReceiver} /></div>
        {error ? <p role="alert">{t('fleet_error', error)}</p> : null}
        {remote ? (
          <>
            <p data-testid="fleet-remote">{t('fleet_receiverShown', fmt.integer(remote.answer.choices.stored), remote.answer.choices.firstDay ?? '—', remote.answer.choices.lastDay ?? '—')}</p>
            <FleetFilterBar filter={remote.answer.filter} choices={remote.answer.choices} busy={busy} onApply={(f) => fetchAggregate(remote.url, remote.auth, f)} />
          </>
        ) : null}
        <p data-testid="fleet-counts" data-aggregated={agg.reports} data-rejected={load.rejected.length}>
          {t('fleet_counts', fmt.integer(agg.reports), fmt.integer(load.rejected.length), fmt.integer(agg.sites.length))}
        </p>
        {agg.incomplete ? <p>{t('fleet_incomplete', fmt.integer(agg.incomplete))}</p> : null}
        {agg.controlFailed ? <p>{t('fleet_controlFailed', fmt.integer(agg.controlFailed))}</p> : null}
        <div class="fleet-actions no-print">
          <label>
            {t('fleet_population')}{' '}
            <select id="fleet-population" value={pop} onChange={(e) => onPopulation(e.currentTarget.value as Population)}>
              {POPULATIONS.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          <button type="button" disabled={!agg.reports} onClick={() => api.download(`access-gap-fleet-${pop}.csv`, 'text/csv', fleetToCsv(agg))}>{t('fleet_exportCsv')}</button>
          <button type="button" disabled={!agg.reports} onClick={() => api.print()}>{t('fleet_print')}</button>
          <button type="button" onClick={() => { setLoad(emptyLoad()); setPopulation(null); setRemote(null); }}>{t('fleet_clear')}</button>
        </div>
        {agg.reports ? (
          <>
            <FleetHeatmap agg={agg} />
            <FleetTopBlocked agg={agg} />
            <FleetTrend agg={agg} />
          </>
        ) : <p>{t('fleet_empty')}</p>}
        <FleetRejected rejected={load.rejected} />
      </main>
    </I18nProvider>
  );
}
