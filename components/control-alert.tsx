import type { ControlResult } from '../utils/probe/types';
import { useI18n } from './i18n';

/**
 * What the run's connectivity control says about every verdict: nothing when it worked; "sign in
 * to the network (or the proxy)", naming who answered in its place, when a portal or a proxy did;
 * "this network looks offline" when nothing answered.
 */
export function ControlAlert({ control }: { control: Pick<ControlResult, 'ok' | 'signIn'> | undefined }) {
  const { t } = useI18n();
  if (!control || control.ok) return null;
  const { signIn } = control;
  if (!signIn) {
    return (
      <p class="alert warn" role="status" data-testid="control-failed">
        {t('controlFailed')}
      </p>
    );
  }
  const who = signIn.portalHost ? t('signInPortal', signIn.portalHost) : signIn.proxy ? t('signInProxy') : t('signInUnknown');
  return (
    <div class="alert warn" role="alert" data-testid="sign-in-required" data-portal={signIn.portalHost ?? ''}>
      <p>
        <strong>{t('signInRequired')}</strong>
      </p>
      <p>{who}</p>
    </div>
  );
}
