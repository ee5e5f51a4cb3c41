'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { callApi } from '@/app/_shared/api';
import { currentStaffSubscription, staffPushSupported, subscribeStaff } from './staff-push';

type State = 'unknown' | 'unsupported' | 'denied' | 'off' | 'on';

/** Without its push service (no internet, a private window) a browser may never answer a subscription. */
const SUBSCRIBE_TIMEOUT_MS = 20_000;

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
  const locale = useLocale();
  const [state, setState] = useState<State>('unknown');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      if (!staffPushSupported()) return setState('unsupported');
      if (Notification.permission === 'denied') return setState('denied');
      const subscription = await currentStaffSubscription().catch(() => null);
      if (!subscription) return setState('off');
      // Signed in again on the same device: tie its subscription to this session.
      await callApi('/api/push/subscriptions', { body: { ...subscription.toJSON(), locale } });
      setState('on');
    })();
  }, [locale]);

  async function turnOn() {
    setBusy(true);
    setError(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') return setState(permission === 'denied' ? 'denied' : 'off');
      const key = await callApi<{ publicKey: string }>('/api/push/key');
      if (!key.ok) return setError(t('failed', { reason: key.error }));
      const subscription = await withinTime(subscribeStaff(key.data.publicKey), SUBSCRIBE_TIMEOUT_MS).catch(() => null);
      if (!subscription) return setError(t('noService'));
      const saved = await callApi('/api/push/subscriptions', { body: { ...subscription.toJSON(), locale } });
      if (!saved.ok) {
        await subscription.unsubscribe().catch(() => false);
        return setError(t('failed', { reason: saved.error }));
      }
      setState('on');
    } catch (caught) {
      setError(t('failed', { reason: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    const subscription = await currentStaffSubscription().catch(() => null);
    if (subscription) {
      await callApi('/api/push/subscriptions', { method: 'DELETE', body: { endpoint: subscription.endpoint } });
      await subscription.unsubscribe().catch(() => false);
    }
    setState('off');
    setBusy(false);
  }

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
