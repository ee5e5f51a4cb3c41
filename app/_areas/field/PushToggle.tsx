'use client';

import { useTranslations } from 'next-intl';
import { usePushConsent } from '@/app/_shared/push/use-push-consent';
import { currentPushSubscription, pushSupported, subscribeToPush } from './field-worker';

/** The volunteer's consent to notifications when the page is closed; nothing is asked before they tap. */
export function PushToggle({ vapidPublicKey }: { vapidPublicKey: string }) {
  const t = useTranslations('field.notifications');
  const { state, busy, error, turnOn, turnOff } = usePushConsent({
    supported: pushSupported,
    current: currentPushSubscription,
    subscribe: () => subscribeToPush(vapidPublicKey),
    failed: (caught) => t('failed', { reason: caught instanceof Error ? caught.message : String(caught) }),
  });

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
