'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH, type Me } from '@/lib/auth';
import { callApi } from '@/app/_shared/api';

export function ActivationForm({ token }: { token: string }) {
  const t = useTranslations('auth.activation');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== form.get('repeat')) {
      setError(t('mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await callApi<Me>(`/api/activations/${encodeURIComponent(token)}`, { body: { password } });
    if (result.ok) {
      window.location.assign(result.data.home);
      return;
    }
    setBusy(false);
    setError(result.details?.password?.[0] ?? result.error);
  }

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <label>
        <span>{t('newPassword', { min: MIN_PASSWORD_LENGTH })}</span>
        <input name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required />
      </label>
      <label>
        <span>{t('repeat')}</span>
        <input name="repeat" type="password" autoComplete="new-password" required />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('saving') : t('submit')}
      </button>
    </form>
  );
}
