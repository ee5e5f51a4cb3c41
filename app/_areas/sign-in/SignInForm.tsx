'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { Me } from '@/lib/auth';
import { callApi } from '@/app/_shared/api';

export function SignInForm({ next }: { next: string | null }) {
  const t = useTranslations('auth.signIn');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await callApi<Me>('/api/auth/sign-in', {
      body: { login: form.get('login'), password: form.get('password') },
    });
    if (result.ok) {
      window.location.assign(next ?? result.data.home);
      return;
    }
    setBusy(false);
    setError(result.error);
    // Never keep the password around after a failure.
    (event.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name=password]')!.value = '';
  }

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <label>
        <span>{t('login')}</span>
        <input name="login" autoComplete="username" inputMode="text" required autoFocus />
      </label>
      <label>
        <span>{t('password')}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('checking') : t('submit')}
      </button>
      <p className="hint">{t('noPassword')}</p>
    </form>
  );
}
