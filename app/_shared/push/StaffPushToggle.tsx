'use client';

import { useTranslations } from 'next-intl';
import { callApi } from '@/app/_shared/api';
import { currentStaffSubscription, staffPushSupported, subscribeStaff } from './staff-push';
import { usePushConsent } from './use-push-consent';

/** Without its push service (no internet, a private window) a browser may never answer a subscription. */
const SUBSCRIBE_TIMEOUT_MS = 20_000;

/** The browser took the request for a subscription but its push service did not answer (or refused). */
class PushServiceUnreachable extends Error {}

function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * A coordinator's consent to notifications on this device: calls for help and late and critical
 * check-ins in its scope reach it with every Posko page closed. Nothing is asked before the tap.
 */
export function StaffPushToggle() {
  const t = useTranslations('notify.staff');
  const { state, busy, error, turnOn, turnOff } = usePushConsent({
    supported: staffPushSupported,
    current: currentStaffSubscription,
    async subscribe() {
      const key = await callApi<{ publicKey: string }>('/api/push/key');
      if (!key.ok) throw new Error(key.error);
      return withinTime(subscribeStaff(key.data.publicKey), SUBSCRIBE_TIMEOUT_MS).catch(() => {
        throw new PushServiceUnreachable();
      });
    },
    failed: (caught) =>
      caught instanceof PushServiceUnreachable
        ? t('noService')
        : t('failed', { reason: caught instanceof Error ? caught.message : String(caught) }),
  });

  if (state === 'unknown') return null;
  return (
    <div className="staff-push" data-testid="staff-push" data-state={state}>
      <p className="hint">{t(state === 'off' ? 'explain' : state)}</p>
      {state === 'off' && (
        <button type="button" disabled={busy} onClick={() => void turnOn()}>
          {t('enable')}
        </button>
      )}
      {state === 'on' && (
        <button type="button" disabled={busy} onClick={() => void turnOff()}>
          {t('disable')}
        </button>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
