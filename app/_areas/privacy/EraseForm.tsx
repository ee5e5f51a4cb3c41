'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_shared/api';

/** Erasure on the volunteer's request (admins, province coordinators): a reason, then a second, explicit yes. */
export function EraseForm({ volunteerId }: { volunteerId: string }) {
  const t = useTranslations('privacy.erase');
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function erase() {
    setBusy(true);
    const result = await callApi<{ reference: string }>(`/api/volunteers/${volunteerId}/erase`, { body: { reason } });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setMessage({ error: true, text: t('failed', { reason: result.error }) });
      return;
    }
    setMessage({ error: false, text: t('done', { reference: result.data.reference }) });
    router.refresh();
  }

  function ask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    setConfirming(true);
  }

  return (
    <form onSubmit={ask} noValidate data-testid="erase-form" className="erase-form">
      <p className="hint">{t('intro')}</p>
      <label htmlFor="erase-reason">{t('reason')}</label>
      <textarea
        id="erase-reason"
        value={reason}
        rows={2}
        maxLength={200}
        onChange={(event) => setReason(event.target.value)}
      />
      {confirming ? (
        <div role="group" aria-labelledby="erase-confirm" className="erase-confirm">
          <p id="erase-confirm">
            <strong>{t('confirm')}</strong>
          </p>
          <button type="button" className="erase-danger" disabled={busy} onClick={() => void erase()}>
            {t('confirmYes')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="submit" className="erase-danger" data-testid="erase-submit">
          {t('submit')}
        </button>
      )}
      <p role="status" className={message?.error ? 'form-error' : 'hint'} data-testid="erase-status">
        {message?.text ?? ''}
      </p>
    </form>
  );
}
