import { useEffect, useState } from 'preact/hooks';
import type { PageApi } from '../utils/ui/page-api';
import type { Settings } from '../utils/settings';
import type { I18n } from '../utils/i18n';
import { pickGap } from '../utils/ui/gap-view';
import { hidesScheduledAudits } from '../utils/ui/fleet-view';
import type { FleetStatus } from '../utils/schedule/status';
import { I18nProvider } from './i18n';
import { useAudit } from './use-audit';
import { PopupView } from './popup-view';

/**
 * The toolbar popup: loads settings and language, follows the latest audit,
 * applies retention when an audit finishes. All extension access goes through `api`.
 */
export function PopupApp({ api }: { api: PageApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [i18n, setI18n] = useState<I18n | null>(null);
  const [fleet, setFleet] = useState<FleetStatus | null>(null);
  useEffect(() => {
    void api.loadSettings().then(async (s) => {
      setSettings(s);
      setI18n(await api.loadI18n(s.language));
    });
    // Unknown status (older background): nothing hidden.
    void api.getFleetStatus({}).then(setFleet, () => {});
  }, []);
  const audit = useAudit(api, settings, (auditId, startedHere) => {
    if (!settings) return;
    void api.applyRetention({ maxAudits: settings.retentionAudits, maxDays: settings.retentionDays });
    if (startedHere && settings.openDashboardWhenDone) api.openDashboard(auditId);
  });
  if (!i18n || !settings) return null;
  document.documentElement.lang = i18n.locale;
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
