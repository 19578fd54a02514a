import { useEffect, useState } from 'preact/hooks';
import type { PageApi } from '../utils/ui/page-api';
import { pickGap } from '../utils/ui/gap-view';
import { hidesScheduledAudits } from '../utils/ui/fleet-view';
import type { FleetStatus } from '../utils/schedule/status';
import { I18nProvider } from './i18n';
import { useAudit } from './use-audit';
import { usePageSetup } from './use-page-setup';
import { PopupView } from './popup-view';

/**
 * The toolbar popup: loads settings and language, follows the latest audit,
 * applies retention when an audit finishes. All extension access goes through `api`.
 */
export function PopupApp({ api }: { api: PageApi }) {
  const { settings, i18n } = usePageSetup(api);
  const [fleet, setFleet] = useState<FleetStatus | null>(null);
  useEffect(() => {
    // Unknown status (older background): no note.
    void api.getFleetStatus({}).then(setFleet, () => {});
  }, []);
  const audit = useAudit(api, settings, (auditId, startedHere) => {
    if (!settings) return;
    void api.applyRetention({ maxAudits: settings.retentionAudits, maxDays: settings.retentionDays });
    if (startedHere && settings.openDashboardWhenDone) api.openDashboard(auditId);
  });
  if (!i18n || !settings) return null;
  // employeeCanSeeAudits: false — the background answers only the employee's own audits; with none
  // to show, the popup says why IT's are not there.
  const hidden = hidesScheduledAudits(fleet) && !audit.state;
  const report = audit.report;
  const gap = report ? pickGap(report, settings.population, i18n.locale) : undefined;
  return (
    <I18nProvider value={i18n}>
      <PopupView
        state={audit.state}
        report={report}
        gap={gap}
        hiddenScheduled={hidden}
        {...(audit.error ? { error: audit.error } : {})}
        onStart={() => void audit.start()}
        onOpenDashboard={() => api.openDashboard(audit.state?.id)}
      />
    </I18nProvider>
  );
}
