import type { TlsInspection } from '../utils/probe/tls-observation';
import { inspectionOwner } from '../utils/ui/tls';
import { useI18n } from './i18n';

/** "TLS inspected by <issuer> (<organisation>)", or the unnamed-root wording. */
export function useInspectedBy(): (tls: TlsInspection) => string {
  const { t } = useI18n();
  return (tls) => t('tls_inspectedBy', inspectionOwner(tls) ?? t('tls_unnamedRoot'));
}

/**
 * A small marker next to a verdict when a root installed on this computer decrypts the
 * connection (Firefox only): a magnifier over a padlock and the word "TLS", with the
 * owner in words for screen readers and on hover.
 */
export function TlsMarker({ tls }: { tls: TlsInspection | undefined }) {
  const { t } = useI18n();
  const inspectedBy = useInspectedBy();
  if (!tls?.inspected) return null;
  const text = inspectedBy(tls);
  return (
    <span class="tls-marker" title={text} data-testid="tls-marker">
      <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
        <path d="M3 8h7v6H3zM4.5 8V6a2 2 0 0 1 4 0v2M12 3.5a2 2 0 1 1 0 .01M13.4 5l1.3 1.3" />
      </svg>
      <span aria-hidden="true">{t('tls_marker')}</span>
      <span class="visually-hidden">{text}</span>
    </span>
  );
}
