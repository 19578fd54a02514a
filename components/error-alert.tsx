import { storageErrorKind } from '../utils/store/errors';
import type { MessageKey } from '../utils/i18n';
import { useI18n } from './i18n';

/**
 * Shows an error to the user, never swallowed: storage failures (quota,
 * blocked upgrade, private mode, newer data) get their own explanation.
 */
export function ErrorAlert({ error }: { error: string | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  const kind = storageErrorKind(error);
  const text = kind ? t(`errorStorage_${kind}` as MessageKey, error.replace(/^.*storage:[a-z]+:\s*/, '')) : t('errorGeneric', error);
  return (
    <div class="alert" role="alert" data-testid="error">
      <strong>{t('errorTitle')}</strong>{' '}
      {text}
    </div>
  );
}
