'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Consent } from '@/lib/privacy';
import { callApi } from '@/app/_shared/api';

/** Saves one consent on the server; resolves to the stored choices, or the refusal's message. */
export async function saveConsent(
  change: Partial<Consent>,
): Promise<{ ok: true; consent: Consent } | { ok: false; error: string }> {
  const saved = await callApi<Consent>('/api/me/consent', { method: 'PUT', body: change });
  return saved.ok ? { ok: true, consent: saved.data } : { ok: false, error: saved.error };
}

/**
 * On /tugas: sharing the phone's position is asked once with two clear answers, then shown with a way to
 * change it; texts by SMS/WhatsApp can be turned off. The server keeps the choice and honours it.
 */
export function PrivacyChoices({
  consent,
  retentionDays,
  onChange,
}: {
  consent: Consent;
  retentionDays: number;
  onChange: (consent: Consent) => void;
}) {
  const t = useTranslations('privacy.consent');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  async function choose(change: Partial<Consent>) {
    setBusy(true);
    const saved = await saveConsent(change);
    setBusy(false);
    if (saved.ok) {
      onChange(saved.consent);
      setNote(t('saved'));
    } else {
      setNote(t('failed', { reason: saved.error }));
    }
  }

  return (
    <section className="card" aria-labelledby="privacy-choices-title" data-testid="privacy-choices">
      <h2 id="privacy-choices-title">{t('title')}</h2>
      {consent.positions === null ? (
        <>
          <p id="position-question">{t('positionQuestion', { days: retentionDays })}</p>
          <div className="big-choices" role="group" aria-labelledby="position-question">
            <button
              type="button"
              className="big-button big-button-ok"
              disabled={busy}
              onClick={() => void choose({ positions: true })}
            >
              {t('yes')}
            </button>
            <button
              type="button"
              className="big-button"
              disabled={busy}
              onClick={() => void choose({ positions: false })}
            >
              {t('no')}
            </button>
          </div>
        </>
      ) : (
        <p className="status-line">
          <span data-testid="position-consent">{consent.positions ? t('positionOn') : t('positionOff')}</span>{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() => void choose({ positions: !consent.positions })}
            data-testid="position-consent-toggle"
          >
            {consent.positions ? t('turnOff') : t('turnOn')}
          </button>
        </p>
      )}
      <label className="check-line">
        <input
          type="checkbox"
          checked={consent.texts}
          disabled={busy}
          onChange={(event) => void choose({ texts: event.target.checked })}
        />
        <span>{t('texts')}</span>
      </label>
      <p role="status" className="hint" data-testid="privacy-choices-note">
        {note}
      </p>
      <p>
        <a href="/privasi">{t('more')}</a>
      </p>
    </section>
  );
}
