import type { Report } from '../utils/report/types';
import { inspectedServices, tlsCheckOf } from '../utils/ui/tls';
import { useI18n } from './i18n';

/**
 * One line near the results about TLS inspection. Chrome shows extensions no certificates,
 * so there the check is "unavailable" — never "not inspected", which an inspected
 * connection would look like too. On Firefox: how many services are inspected.
 */
export function TlsNote({ report }: { report: Pick<Report, 'tlsInspection' | 'browser' | 'services'> }) {
  const { t, fmt } = useI18n();
  if (tlsCheckOf(report) === 'unavailable') {
    return <p class="muted tls-note" data-testid="tls-note" data-check="unavailable">{t('tls_unavailable')}</p>;
  }
  const inspected = inspectedServices(report).length;
  return (
    <p class="muted tls-note" data-testid="tls-note" data-check="available" data-inspected={inspected}>
      {inspected ? t('tls_checkedSome', fmt.integer(inspected), t('tls_marker')) : t('tls_checkedNone')}
    </p>
  );
}
