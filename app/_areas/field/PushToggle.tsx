'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { callApi } from '@/app/_shared/api';
import { currentPushSubscription, pushSupported, subscribeToPush } from './field-worker';

type PushState = 'unknown' | 'unsupported' | 'denied' | 'off' | 'on';

/** The volunteer's consent to notifications when the page is closed; nothing is asked before they tap. */
export function PushToggle({ vapidPublicKey }: { vapidPublicKey: string }) {
  const t = useTranslations('field.notifications');
  const locale = useLocale();
  const [state, setState] = useState<PushState>('unknown');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      if (!pushSupported()) return setState('unsupported');
      if (Notification.permission === 'denied') return setState('denied');
      const subscription = await currentPushSubscription().catch(() => null);
      if (!subscription) return setState('off');
      // The same phone may have signed in again: tie its subscription to this session.
      await callApi('/api/push/subscriptions', { body: { ...subscription.toJSON(), locale } });
      setState('on');
    })();
  }, [locale]);

  async function turnOn() {
    setBusy(true);
    setError(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        setState(permission === 'denied' ? 'denied' : 'off');
        return;
      }
      const subscription = await subscribeToPush(vapidPublicKey);
      const saved = await callApi('/api/push/subscriptions', { body: { ...subscription.toJSON(), locale } });
      if (!saved.ok) {
        await subscription.unsubscribe().catch(() => false);
        setError(t('failed', { reason: saved.error }));
        return;
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
    const subscription = await currentPushSubscription().catch(() => null);
    if (subscription) {
      await callApi('/api/push/subscriptions', { method: 'DELETE', body: { endpoint: subscription.endpoint } });
      await subscription.unsubscribe().catch(() => false);
    }
    setState('off');
    setBusy(false);
  }

  if (state === 'unknown') return null;
  return (
    <section className="card" aria-labelledby="push-title" data-testid="push">
      <h2 id="push-title">{t('title')}</h2>
      <p className="hint">
        {state === 'on'
          ? t('on')
          : state === 'denied'
            ? t('denied')
            : state === 'unsupported'
              ? t('unsupported')
              : t('explain')}
      </p>
      {state === 'off' ? (
        <button type="button" className="big-button" disabled={busy} onClick={() => void turnOn()}>
          {t('enable')}
        </button>
      ) : null}
      {state === 'on' ? (
        <button type="button" className="big-button" disabled={busy} onClick={() => void turnOff()}>
          {t('disable')}
        </button>
      ) : null}
      {error ? <p className="form-error">{error}</p> : null}
    </section>
  );
}
