import { useEffect, useState } from 'preact/hooks';
import type { PageApi } from '../utils/ui/page-api';
import type { Report } from '../utils/report/types';
import type { AuditSummary } from '../utils/history/summary';
import { compareReports, type AuditComparison } from '../utils/history/compare';
import { reportToCsv } from '../utils/export/report-csv';
import { exportFileName, reportToJson } from '../utils/export/json';
import { pickGap } from '../utils/ui/gap-view';
import type { FleetStatus } from '../utils/schedule/status';
import type { CatalogInfo } from '../utils/catalog/catalog-info';
import { I18nProvider } from './i18n';
import { DashboardView } from './dashboard-view';
import { usePageSetup } from './use-page-setup';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The dashboard's data: settings and language, the stored audits, the report
 * shown, a comparison; every action goes through `api`. `initialAuditId`
 * comes from the page URL (`#audit=<id>`, as the popup links it).
 */
export function DashboardApp({ api, initialAuditId }: { api: PageApi; initialAuditId?: string }) {
  const [audits, setAudits] = useState<AuditSummary[] | null>(null);
  const [shownId, setShownId] = useState(initialAuditId);
  const [report, setReport] = useState<Report | null>(null);
  const [comparison, setComparison] = useState<AuditComparison | null>(null);
  const [error, setError] = useState<string>();
  const [fleet, setFleet] = useState<FleetStatus | null>(null);
  const [catalog, setCatalog] = useState<CatalogInfo | null>(null);
  const guard = (work: () => Promise<void>) => work().catch((e: unknown) => setError(errorText(e)));

  // The background leaves out the audits IT's policy keeps from the employee.
  const refreshAudits = () =>
    guard(async () => {
      const list = await api.listAudits({});
      setAudits(list);
      setShownId((id) => (id && list.some((a) => a.id === id) ? id : (list.find((a) => a.status === 'complete') ?? list[0])?.id));
    });

  const page = usePageSetup(api, {
    title: 'dashboardTitle',
    async ready(s) {
      await api.getFleetStatus({}).then(setFleet, (e: unknown) => setError(errorText(e)));
      void guard(async () => setCatalog(await api.getCatalog({})));
      // Retention also runs here, so history shrinks when the user lowers it and reopens the page.
      await api.applyRetention({ maxAudits: s.retentionAudits, maxDays: s.retentionDays });
      await refreshAudits();
    },
  });
  const { settings, i18n } = page;
  const shownError = error ?? page.error;

  // The shown audit's report; re-read while it runs so the table fills in.
  const shown = audits?.find((a) => a.id === shownId);
  useEffect(() => {
    // Wait for the list: an id from the URL may be an audit that is gone.
    if (!shownId || !shown) return;
    void guard(async () => setReport(await api.getReport({ auditId: shownId })));
    if (shown?.status !== 'running') return;
    const timer = setInterval(() => void refreshAudits(), 1000);
    return () => clearInterval(timer);
  }, [shownId, shown?.status, shown?.done]);

  if (!i18n || !settings) return shownError ? <p role="alert">{shownError}</p> : null;
  const gap = report ? pickGap(report, settings.population, i18n.locale) : undefined;
  const population = gap?.population ?? (i18n.locale === 'fr' ? 'FR' : 'US');
  return (
    <I18nProvider value={i18n}>
      <DashboardView
        report={report}
        gap={gap}
        population={population}
        audits={audits ?? []}
        shownId={shownId}
        {...(shown?.networkLabel ? { networkLabel: shown.networkLabel } : {})}
        settings={settings}
        comparison={comparison}
        {...(shownError ? { error: shownError } : {})}
        onView={(id) => {
          setShownId(id);
          setComparison(null);
        }}
        onDelete={(id) =>
          void guard(async () => {
            await api.deleteAudit({ auditId: id });
            if (id === shownId) setShownId(undefined);
            await refreshAudits();
          })
        }
        onCompare={(olderId, newerId) =>
          void guard(async () => {
            const [a, b] = await Promise.all([api.getReport({ auditId: olderId }), api.getReport({ auditId: newerId })]);
            if (a && b) setComparison(a.startedAt <= b.startedAt ? compareReports(a, b) : compareReports(b, a));
          })
        }
        onExportJson={() => report && api.download(exportFileName(report, 'json'), 'application/json', reportToJson(report))}
        onExportCsv={() => report && api.download(exportFileName(report, 'csv'), 'text/csv;charset=utf-8', reportToCsv(report, population))}
        onPrint={() => api.print()}
        fleet={fleet}
        onSetSchedule={async (change) => {
          setFleet(await api.setUserSchedule(change));
        }}
        onExportDeadLetter={async (id) => {
          const text = await api.getDeadLetter({ id });
          if (text === null) throw new Error(i18n.t('fleetStatus_deadGone'));
          api.download(`access-gap-refused-${id}.json`, 'application/json', text);
        }}
        onRemoveDeadLetter={async (id) => {
          setFleet(await api.removeDeadLetter({ id }));
        }}
        catalog={catalog}
        onImportCatalog={async (input) => {
          const result = await api.importCatalog(input);
          if (result.ok) setCatalog(await api.getCatalog({}));
          return result;
        }}
        onResetCatalog={() =>
          guard(async () => {
            await api.resetCatalog({});
            setCatalog(await api.getCatalog({}));
          })
        }
        onExportCatalog={(format) =>
          void guard(async () => {
            if (!catalog) return;
            const name = `access-gap-catalog-${catalog.catalog.version}`.replace(/[^\w.-]+/g, '-');
            if (format === 'json') return api.download(`${name}.json`, 'application/json', `${JSON.stringify(catalog.catalog, null, 2)}\n`);
            // Loaded on demand: the CSV writer (papaparse) is not needed to show the dashboard.
            const { catalogToCsv } = await import('../utils/catalog/csv-export');
            api.download(`${name}.csv`, 'text/csv;charset=utf-8', catalogToCsv(catalog.catalog));
          })
        }
        onSaveSettings={async (next) => {
          const saved = await api.saveSettings(next);
          await page.applySettings(saved);
          await api.applyRetention({ maxAudits: saved.retentionAudits, maxDays: saved.retentionDays });
          await refreshAudits();
        }}
      />
    </I18nProvider>
  );
}
