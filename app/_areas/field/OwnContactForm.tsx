'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import type { VolunteerProfile } from '@/server/volunteers/profile';
import { callApi } from '@/app/_shared/api';
import styles from './OwnContactForm.module.css';

type Details = Record<string, string[]>;
const FIELDS = ['phone', 'emergencyContactName', 'emergencyContactPhone'] as const;

/** "Data saya" on the volunteer's phone: its own phone number and emergency contact, nothing else. */
export function OwnContactForm({ profile }: { profile: VolunteerProfile }) {
  const t = useTranslations('registry');
  const router = useRouter();
  const [values, setValues] = useState({
    phone: profile.phone,
    emergencyContactName: profile.emergencyContactName ?? '',
    emergencyContactPhone: profile.emergencyContactPhone ?? '',
  });
  const [details, setDetails] = useState<Details>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const first = FIELDS.find((field) => details[field]);
    if (first) document.getElementById(`own-${first}`)?.focus();
  }, [details]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await callApi<{ fields: string[] }>(`/api/volunteers/${profile.id}`, {
      method: 'PATCH',
      body: {
        phone: values.phone,
        emergencyContactName: values.emergencyContactName.trim() || null,
        emergencyContactPhone: values.emergencyContactPhone.trim() || null,
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    setDetails({});
    setNotice(result.data.fields.length > 0 ? t('own.saved') : t('own.nothingChanged'));
    router.refresh();
  }

  const labels = {
    phone: t('fields.phone'),
    emergencyContactName: t('fields.emergencyContactName'),
    emergencyContactPhone: t('fields.emergencyContactPhone'),
  };
  return (
    <section className="card" aria-labelledby="own-contact-title">
      <h2 id="own-contact-title">{t('own.title')}</h2>
      <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate data-testid="own-contact-form">
        <p className={styles.hint}>{t('own.hint')}</p>
        {FIELDS.map((field) => (
          <div className={styles.field} key={field}>
            <label htmlFor={`own-${field}`}>{labels[field]}</label>
            <input
              id={`own-${field}`}
              type={field === 'emergencyContactName' ? 'text' : 'tel'}
              inputMode={field === 'emergencyContactName' ? 'text' : 'tel'}
              value={values[field]}
              maxLength={120}
              onChange={(event) => setValues((current) => ({ ...current, [field]: event.target.value }))}
              aria-invalid={details[field] ? true : undefined}
              aria-describedby={details[field] ? `own-${field}-error` : undefined}
            />
            {details[field] ? (
              <span className={styles.error} id={`own-${field}-error`} role="alert">
                {details[field].join(' ')}
              </span>
            ) : null}
          </div>
        ))}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <p className={styles.notice} role="status">
          {notice}
        </p>
        <button type="submit" disabled={busy} data-testid="own-contact-submit">
          {busy ? t('saving') : t('own.save')}
        </button>
      </form>
    </section>
  );
}
