import { useEffect, useMemo, useState } from 'preact/hooks';
import { POPULATIONS, type Population } from '../../utils/catalog/types';
import { aggregateFleet, defaultFleetPopulation } from '../../utils/fleet/aggregate';
import { fleetToCsv } from '../../utils/fleet/csv';
import { emptyLoad, fileSizeRejection, ingestText, type FleetLoad } from '../../utils/fleet/ingest';
import { receiverReportsUrl, type FleetPageApi } from '../../utils/fleet/page-api';
import type { I18n } from '../../utils/i18n';
import { I18nProvider } from '../i18n';
import { FleetLoader } from './fleet-loader';
import { FleetHeatmap, FleetRejected, FleetTopBlocked } from './fleet-tables';
import { FleetTrend } from './fleet-trend';

/**
 * The fleet page: reports in (files, folder, drop, receiver), validated one by
 * one (`ingestText`), aggregated by pure functions, shown as text only — report
 * content never reaches the DOM as HTML (Preact escapes every string).
 */
export function FleetApp({ api }: { api: FleetPageApi }) {
  const [i18n, setI18n] = useState<I18n | null>(null);
  const [load, setLoad] = useState<FleetLoad>(emptyLoad);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [population, setPopulation] = useState<Population | null>(null);
  const [receiver, setReceiver] = useState('');

  useEffect(() => {
    void api.loadI18n().then(setI18n);
    void api.fleetStatus().then((s) => s?.upload.url && setReceiver(new URL(s.upload.url).origin));
  }, []);

  const reports = useMemo(() => [...load.reports.values()].map((r) => r.report), [load, version]);
  const pop = population ?? defaultFleetPopulation(reports);
  const agg = useMemo(() => aggregateFleet(reports, pop), [reports, pop]);

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
      for (const file of files) {
        const tooBig = fileSizeRejection(file.name, file.size);
        if (tooBig) load.rejected.push(tooBig);
        else ingestText(load, file.webkitRelativePath || file.name, await file.text());
      }
    });
  const onReceiver = (url: string, auth: string) =>
    run(async () => {
      const target = receiverReportsUrl(url);
      ingestText(load, target, await api.fetchText(target, auth || undefined));
    });

  if (!i18n) return null;
  const { t, fmt } = i18n;
  document.title = t('fleet_title');
  return (
    <I18nProvider value={i18n}>
      <main class="fleet">
        <h1>{t('fleet_heading')}</h1>
        <p class="no-print">{t('fleet_intro')}</p>
        <div class="no-print"><FleetLoader busy={busy} initialUrl={receiver} key={receiver} onFiles={onFiles} onReceiver={onReceiver} /></div>
        {error ? <p role="alert">{t('fleet_error', error)}</p> : null}
        <p data-testid="fleet-counts" data-aggregated={agg.reports} data-rejected={load.rejected.length}>
          {t('fleet_counts', fmt.integer(agg.reports), fmt.integer(load.rejected.length), fmt.integer(agg.sites.length))}
        </p>
        {agg.incomplete ? <p>{t('fleet_incomplete', fmt.integer(agg.incomplete))}</p> : null}
        {agg.controlFailed ? <p>{t('fleet_controlFailed', fmt.integer(agg.controlFailed))}</p> : null}
        <div class="fleet-actions no-print">
          <label>
            {t('fleet_population')}{' '}
            <select value={pop} onChange={(e) => setPopulation(e.currentTarget.value as Population)}>
              {POPULATIONS.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          <button type="button" disabled={!agg.reports} onClick={() => api.download(`access-gap-fleet-${pop}.csv`, 'text/csv', fleetToCsv(agg))}>{t('fleet_exportCsv')}</button>
          <button type="button" disabled={!agg.reports} onClick={() => api.print()}>{t('fleet_print')}</button>
          <button type="button" onClick={() => { setLoad(emptyLoad()); setPopulation(null); }}>{t('fleet_clear')}</button>
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
