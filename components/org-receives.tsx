import { useState } from 'preact/hooks';
import type { FleetStatus } from '../utils/schedule/status';
import { receiverHost } from '../utils/ui/fleet-view';
import { ErrorAlert } from './error-alert';
import { useI18n } from './i18n';

export interface DeadLetterActions {
  /** Save the refused report, exactly as it would have been sent, as a JSON file. */
  onExportDeadLetter(id: string): Promise<void>;
  /** The employee removes a refused report from the list. */
  onRemoveDeadLetter(id: string): Promise<void>;
}

/**
 * "What my organisation receives": the last reports exactly as uploaded, with when and to
 * which receiver (its host: the URL's path or query may hold a token), and the ones the
 * receiver refused with its reason, each exportable and removable (docs/upload-protocol.md).
 * The policy in force is listed above it by the fleet status panel.
 */
export function OrgReceives({ upload, onExportDeadLetter, onRemoveDeadLetter }: { upload: FleetStatus['upload'] } & DeadLetterActions) {
  const { t, fmt } = useI18n();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  if (!upload.configured) return null;
  const act = async (id: string, action: (id: string) => Promise<void>) => {
    setError(undefined);
    setBusy(id);
    try {
      await action(id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section class="org-receives" aria-labelledby="org-receives-title" data-testid="org-receives">
      <h4 id="org-receives-title">{t('fleetStatus_receivesTitle')}</h4>
      {upload.delivered.length === 0 ? (
        <p class="muted">{t('fleetStatus_receivesNone')}</p>
      ) : (
        upload.delivered.map((d) => (
          <details key={d.id} data-testid="org-receives-report">
            <summary>{t('fleetStatus_receivesSent', fmt.dateTime(d.sentAt), receiverHost(d.url))}</summary>
            <pre>{d.body}</pre>
          </details>
        ))
      )}
      {upload.deadLetters.length > 0 && (
        <div class="alert warn" data-testid="dead-letters">
          <p>{t('fleetStatus_deadTitle')}</p>
          <ul>
            {upload.deadLetters.map((l) => {
              const when = fmt.dateTime(l.at);
              return (
                <li key={l.id} data-testid="dead-letter" data-id={l.id}>
                  {t('fleetStatus_deadRefused', when, receiverHost(l.url), String(l.status), l.reason)}{' '}
                  <button type="button" disabled={busy === l.id} aria-label={t('fleetStatus_deadExportLabel', when)}
                    onClick={() => void act(l.id, onExportDeadLetter)} data-testid="dead-letter-export">
                    {t('fleetStatus_deadExport')}
                  </button>{' '}
                  <button type="button" disabled={busy === l.id} aria-label={t('fleetStatus_deadRemoveLabel', when)}
                    onClick={() => void act(l.id, onRemoveDeadLetter)} data-testid="dead-letter-remove">
                    {t('fleetStatus_deadRemove')}
                  </button>
                </li>
              );
            })}
          </ul>
          <p class="muted">{t('fleetStatus_deadNote')}</p>
        </div>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}
