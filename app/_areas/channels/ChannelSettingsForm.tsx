'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { ChannelSettings } from '@/lib/channels';
import { callApi } from '@/app/_shared/api';

/** The province's channels: SMS, WhatsApp, and the minutes before an unanswered offer goes again. */
export function ChannelSettingsForm({
  initial,
  canEdit,
  whatsappAvailable,
}: {
  initial: ChannelSettings;
  canEdit: boolean;
  whatsappAvailable: boolean;
}) {
  const t = useTranslations('channels.settings');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const minutes = String(form.get('reminderMinutes') ?? '').trim();
    setBusy(true);
    setMessage(null);
    const saved = await callApi('/api/channels/settings', {
      method: 'PUT',
      body: {
        provinceCode: initial.provinceCode,
        smsEnabled: form.get('smsEnabled') === 'on',
        whatsappEnabled: form.get('whatsappEnabled') === 'on',
        reminderMinutes: minutes === '' ? null : Number(minutes),
      },
    });
    setBusy(false);
    if (!saved.ok) {
      setMessage({ ok: false, text: saved.details?.reminderMinutes?.[0] ?? saved.error });
      return;
    }
    setMessage({ ok: true, text: t('saved') });
    router.refresh();
  }

  return (
    <form onSubmit={save} className="channel-settings" noValidate aria-describedby="channel-settings-intro">
      <p id="channel-settings-intro" className="hint">
        {t('intro')}
      </p>
      <label className="check-row">
        <input type="checkbox" name="smsEnabled" defaultChecked={initial.smsEnabled} disabled={!canEdit} />
        <span>{t('sms')}</span>
      </label>
      <label className="check-row">
        <input
          type="checkbox"
          name="whatsappEnabled"
          defaultChecked={initial.whatsappEnabled}
          disabled={!canEdit}
          aria-describedby={whatsappAvailable ? undefined : 'whatsapp-unavailable'}
        />
        <span>{t('whatsapp')}</span>
      </label>
      {whatsappAvailable ? null : (
        <p id="whatsapp-unavailable" className="hint">
          {t('whatsappUnavailable')}
        </p>
      )}
      <label className="field-row">
        <span>{t('reminder')}</span>
        <input
          name="reminderMinutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={1440}
          defaultValue={initial.reminderMinutes ?? ''}
          disabled={!canEdit}
          aria-describedby="reminder-hint"
        />
        <span id="reminder-hint" className="hint">
          {t('reminderHint')}
        </span>
      </label>
      {canEdit ? (
        <button type="submit" className="primary" disabled={busy} data-testid="save-channels">
          {t('save')}
        </button>
      ) : (
        <p className="hint">{t('readOnly')}</p>
      )}
      <p role="status" className={message?.ok === false ? 'form-error' : 'hint'} data-testid="channels-message">
        {message?.text ?? ''}
      </p>
    </form>
  );
}
