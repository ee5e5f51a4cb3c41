'use client';

import { useLocale } from 'next-intl';
import { useEffect, useState } from 'react';
import { callApi } from '@/app/_shared/api';

export type PushState = 'unknown' | 'unsupported' | 'denied' | 'off' | 'on';

/**
 * A person's consent to notifications on this device, as the volunteer's and the coordinator's toggles
 * both keep it: nothing is asked before the tap; a subscription is saved for this session (again after
 * signing in anew on the same device) and taken back on "off".
 */
export function usePushConsent({
  supported,
  current,
  subscribe,
  failed,
}: {
  supported(): boolean;
  current(): Promise<PushSubscription | null>;
  /** A new subscription; it may throw. */
  subscribe(): Promise<PushSubscription>;
  /** What to say when turning on failed: the browser's error, or the server's refusal as an Error. */
  failed(caught: unknown): string;
}) {
  const locale = useLocale();
  const [state, setState] = useState<PushState>('unknown');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      if (!supported()) return setState('unsupported');
      if (Notification.permission === 'denied') return setState('denied');
      const subscription = await current().catch(() => null);
      if (!subscription) return setState('off');
      await callApi('/api/push/subscriptions', { body: { ...subscription.toJSON(), locale } });
      setState('on');
    })();
    // The callers pass module-level helpers, so this runs again only for a new language.
  }, [locale, supported, current]);

  async function turnOn() {
    setBusy(true);
    setError(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') return setState(permission === 'denied' ? 'denied' : 'off');
      const subscription = await subscribe();
      const saved = await callApi('/api/push/subscriptions', { body: { ...subscription.toJSON(), locale } });
      if (!saved.ok) {
        await subscription.unsubscribe().catch(() => false);
        return setError(failed(new Error(saved.error)));
      }
      setState('on');
    } catch (caught) {
      setError(failed(caught));
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    const subscription = await current().catch(() => null);
    if (subscription) {
      await callApi('/api/push/subscriptions', { method: 'DELETE', body: { endpoint: subscription.endpoint } });
      await subscription.unsubscribe().catch(() => false);
    }
    setState('off');
    setBusy(false);
  }

  return { state, busy, error, turnOn, turnOff };
}
