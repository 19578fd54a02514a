import { useEffect, useState } from 'preact/hooks';
import type { FleetStatus } from '../utils/schedule/status';
import { MAX_SCHEDULE_HOURS, MIN_USER_SCHEDULE_HOURS } from '../utils/schedule/hours';
import { canPauseSchedule, hidesScheduledAudits, isPolicySchedule, receiverHost, scheduleMode } from '../utils/ui/fleet-view';
import { useI18n } from './i18n';
import { ErrorAlert } from './error-alert';
import { OrgReceives, type DeadLetterActions } from './org-receives';

export interface FleetStatusPanelProps extends DeadLetterActions {
  status: FleetStatus | null;
  onSetSchedule(change: { enabled: boolean; hours?: number }): Promise<void>;
}

/**
 * Whether IT manages this browser (organisation, site, schedule, uploads) and what the
 * employee may change: pause IT's schedule where the policy allows, or, without an IT
 * schedule, turn on their own. The upload's Authorization header never reaches pages, and
 * the receiver is shown by its host only (a URL may carry a token in its path or query).
 */
export function FleetStatusPanel({ status, onSetSchedule, onExportDeadLetter, onRemoveDeadLetter }: FleetStatusPanelProps) {
  const { t, fmt } = useI18n();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const mode = status ? scheduleMode(status.schedule) : 'off';
  const [ownOn, setOwnOn] = useState(mode === 'user');
  const [hours, setHours] = useState(status?.schedule.hours ?? 24);
  useEffect(() => {
    if (!status || isPolicySchedule(status)) return;
    setOwnOn(mode === 'user');
    if (status.schedule.hours) setHours(status.schedule.hours);
  }, [status]);
  if (!status) return null;

  const apply = async (change: { enabled: boolean; hours?: number }) => {
    setSaved(false);
    setError(undefined);
    try {
      await onSetSchedule(change);
      setSaved(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const hoursText = fmt.decimal(status.schedule.hours ?? 0, 2);
  const scheduleText = {
    policy: t('fleetStatus_schedulePolicy', hoursText),
    'policy-paused': t('fleetStatus_schedulePaused', hoursText),
    user: t('fleetStatus_scheduleUser', hoursText),
    off: t('fleetStatus_scheduleOff'),
  }[mode];
  const { schedule: s, upload: u } = status;
  const receiver = u.url ? receiverHost(u.url) : undefined;
  const rows: [string, string | undefined][] = [
    [t('fleetStatus_site'), status.site],
    [t('fleetStatus_schedule'), scheduleText],
    [t('fleetStatus_nextRun'), s.nextRunAt ? fmt.dateTime(s.nextRunAt) : undefined],
    [t('fleetStatus_lastRun'), s.lastRunAt ? fmt.dateTime(s.lastRunAt) : undefined],
    [t('fleetStatus_runsTitle'), s.runs || s.skipped ? t('fleetStatus_runs', fmt.integer(s.runs), fmt.integer(s.skipped)) : undefined],
    [t('fleetStatus_catalogError'), s.lastCatalogError],
    ...(status.managed
      ? ([
          [t('fleetStatus_upload'), receiver ? (u.withAuthorization ? t('fleetStatus_uploadAuth', receiver) : receiver) : t('fleetStatus_uploadNone')],
          [t('fleetStatus_lastUpload'), u.configured ? (u.lastSuccessAt ? fmt.dateTime(u.lastSuccessAt) : t('fleetStatus_never')) : undefined],
          [t('fleetStatus_queued'), u.configured ? t('fleetStatus_queuedValue', fmt.integer(u.queued)) : undefined],
          [t('fleetStatus_lastError'), u.lastError],
        ] as [string, string | undefined][])
      : []),
  ];
  return (
    <section class="fleet-status" aria-labelledby="fleet-status-title" data-testid="fleet-status" data-managed={status.managed} data-mode={mode}>
      <h3 id="fleet-status-title">{t('fleetStatus_title')}</h3>
      <p>
        {status.managed
          ? status.organisation ? t('fleetStatus_managed', status.organisation) : t('fleetStatus_managedUnnamed')
          : t('fleetStatus_unmanaged')}
      </p>
      <dl class="meta-list">
        {rows
          .filter((r): r is [string, string] => Boolean(r[1]))
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {status.issues.length > 0 && (
        <div class="alert warn">
          <p>{t('fleetStatus_issues')}</p>
          <ul>{status.issues.map((i) => <li key={i}><code>{i}</code></li>)}</ul>
        </div>
      )}
      {status.managed && <OrgReceives upload={u} onExportDeadLetter={onExportDeadLetter} onRemoveDeadLetter={onRemoveDeadLetter} />}
      {hidesScheduledAudits(status) && <p class="muted">{t('fleetStatus_hiddenAudits')}</p>}
      {isPolicySchedule(status) ? (
        canPauseSchedule(status) ? (
          <label class="check">
            <input type="checkbox" checked={mode === 'policy-paused'} data-testid="fleet-pause"
              onChange={(e) => void apply({ enabled: !e.currentTarget.checked })} />
            {t('fleetStatus_pause')}
          </label>
        ) : (
          <p class="muted">{t('fleetStatus_cannotPause')}</p>
        )
      ) : (
        <form class="own-schedule" onSubmit={(e) => { e.preventDefault(); void apply({ enabled: ownOn, hours }); }}>
          <label class="check">
            <input type="checkbox" checked={ownOn} onChange={(e) => { setSaved(false); setOwnOn(e.currentTarget.checked); }} data-testid="fleet-own-schedule" />
            {t('fleetStatus_optIn')}
          </label>
          <label>
            {t('fleetStatus_hours')}
            <input type="number" min={MIN_USER_SCHEDULE_HOURS} max={MAX_SCHEDULE_HOURS} step={1} value={hours} disabled={!ownOn} data-testid="fleet-own-hours"
              onChange={(e) => { setSaved(false); setHours(Number(e.currentTarget.value) || 24); }} />
          </label>
          <button type="submit" data-testid="fleet-apply">{t('fleetStatus_apply')}</button>
        </form>
      )}
      <ErrorAlert error={error} />
      <p role="status">{saved ? t('fleetStatus_saved') : ''}</p>
    </section>
  );
}
