import type { FleetStatus } from '../utils/schedule/status';
import { useI18n } from './i18n';

/**
 * "What my organisation receives": the last reports exactly as uploaded, with when and
 * where, and the ones the receiver refused with its reason (docs/upload-protocol.md).
 * Read-only: the policy in force is listed above it by the fleet status panel.
 */
export function OrgReceives({ upload }: { upload: FleetStatus['upload'] }) {
  const { t, fmt } = useI18n();
  if (!upload.configured) return null;
  return (
    <section class="org-receives" aria-labelledby="org-receives-title" data-testid="org-receives">
      <h4 id="org-receives-title">{t('fleetStatus_receivesTitle')}</h4>
      {upload.delivered.length === 0 ? (
        <p class="muted">{t('fleetStatus_receivesNone')}</p>
      ) : (
        upload.delivered.map((d) => (
          <details key={d.id} data-testid="org-receives-report">
            <summary>{t('fleetStatus_receivesSent', fmt.dateTime(d.sentAt), d.url)}</summary>
            <pre>{d.body}</pre>
          </details>
        ))
      )}
      {upload.deadLetters.length > 0 && (
        <div class="alert warn" data-testid="dead-letters">
          <p>{t('fleetStatus_deadTitle')}</p>
          <ul>
            {upload.deadLetters.map((l) => (
              <li key={l.id}>{t('fleetStatus_deadItem', fmt.dateTime(l.at), String(l.status), l.reason)}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
