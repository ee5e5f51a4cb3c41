'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { CHANNEL_PREFERENCES, type ChannelPreference as Mode } from '@/lib/channel-preferences';
import { callApi } from '@/app/_shared/api';

/** The volunteer's choice on /tugas: offers by SMS/WhatsApp always, or only when the app cannot reach the phone. */
export function ChannelPreference({ initial }: { initial: Mode }) {
  const t = useTranslations('channels.preference');
  const [mode, setMode] = useState<Mode>(initial);
  const [note, setNote] = useState<string>('');
  const [busy, setBusy] = useState(false);

  async function choose(next: Mode) {
    const before = mode;
    setMode(next);
    setBusy(true);
    const saved = await callApi('/api/channels/preference', { method: 'PUT', body: { mode: next } });
    setBusy(false);
    if (saved.ok) {
      setNote(t('saved'));
    } else {
      setMode(before);
      setNote(t('failed', { reason: saved.error }));
    }
  }

  return (
    <section className="card" aria-labelledby="channel-preference-title" data-testid="channel-preference">
      <h2 id="channel-preference-title">{t('title')}</h2>
      <fieldset className="choice-list" disabled={busy}>
        <legend>{t('legend')}</legend>
        {CHANNEL_PREFERENCES.map((option) => (
          <label key={option} className="check-line">
            <input
              type="radio"
              name="channel-preference"
              value={option}
              checked={mode === option}
              onChange={() => void choose(option)}
            />
            <span>{t(option)}</span>
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('hint')}</p>
      <p role="status" className="hint" data-testid="channel-preference-note">
        {note}
      </p>
    </section>
  );
}
