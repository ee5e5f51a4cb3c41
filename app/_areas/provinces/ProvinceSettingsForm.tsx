'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { REST_HOURS, type ProvinceSettings } from '@/lib/provinces';
import { callApi } from '@/app/_shared/api';
import { FieldError } from '@/app/_areas/incidents/FieldError';

/** The posko's number and the rest after a deployment; read only for those who may not change them. */
export function ProvinceSettingsForm({ initial, canEdit }: { initial: ProvinceSettings; canEdit: boolean }) {
  const t = useTranslations('provinces');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [details, setDetails] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const hours = String(form.get('restHours') ?? '').trim();
    setBusy(true);
    setMessage(null);
    setDetails({});
    const saved = await callApi<ProvinceSettings>(`/api/provinces/${initial.provinceCode}/settings`, {
      method: 'PUT',
      body: {
        hotline: String(form.get('hotline') ?? '').trim() || null,
        restHours: hours === '' ? null : Number(hours),
      },
    });
    setBusy(false);
    if (!saved.ok) {
      setDetails(saved.details ?? {});
      setMessage({ ok: false, text: saved.error });
      return;
    }
    setMessage({ ok: true, text: t('saved') });
    router.refresh();
  }

  const describedBy = (field: string, hint: string) =>
    [details[field] ? `province-${field}-error` : null, hint].filter(Boolean).join(' ');

  return (
    <form
      onSubmit={(event) => void save(event)}
      className="province-settings"
      noValidate
      data-testid="province-settings"
    >
      <p className="hint">{t('intro')}</p>
      <label>
        <span>{t('hotline')}</span>
        <input
          name="hotline"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          maxLength={30}
          defaultValue={initial.hotline ?? ''}
          disabled={!canEdit}
          aria-describedby={describedBy('hotline', 'hotline-hint')}
        />
        <span id="hotline-hint" className="hint">
          {t('hotlineHint')}
        </span>
        <FieldError id="province-hotline-error" messages={details.hotline} />
      </label>
      <label>
        <span>{t('restHours')}</span>
        <input
          name="restHours"
          type="number"
          inputMode="numeric"
          min={REST_HOURS.min}
          max={REST_HOURS.max}
          defaultValue={initial.restHours}
          disabled={!canEdit}
          aria-describedby={describedBy('restHours', 'rest-hours-hint')}
        />
        <span id="rest-hours-hint" className="hint">
          {t('restHoursHint')}
        </span>
        <FieldError id="province-restHours-error" messages={details.restHours} />
      </label>
      {canEdit ? (
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
      ) : (
        <p className="hint">{t('readOnly')}</p>
      )}
      <p
        role="status"
        className={message?.ok === false ? 'form-error' : 'hint'}
        data-testid="province-settings-message"
      >
        {message?.text ?? ''}
      </p>
    </form>
  );
}
