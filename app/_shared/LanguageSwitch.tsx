'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALES, type Locale } from '../_i18n/config';

function rememberLocale(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
}

/** Bahasa Indonesia or English: remembered on this device, and the page re-renders in place. */
export function LanguageSwitch() {
  const t = useTranslations('common.language');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(next: Locale) {
    rememberLocale(next);
    startTransition(() => router.refresh());
  }

  return (
    <div className="language-switch" role="group" aria-label={t('label')} aria-busy={pending}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          title={t(option)}
          onClick={() => choose(option)}
          disabled={pending}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
