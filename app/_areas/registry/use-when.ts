import { useLocale } from 'next-intl';
import { useCallback } from 'react';
import type { TimeZone } from '@/lib/domain';
import { INTL_LOCALE, type Locale } from '../../_i18n/config';
import { timeZoneLabel } from '@/app/_shared/time';

/**
 * "22 Nov 14.05 WIB" in the page's language and the given zone (the incident's or the province's),
 * whatever the viewer's device says; the year only when it is not this year.
 */
export function formatWhenIn(locale: Locale, iso: string | Date, timeZone: TimeZone, now = new Date()): string {
  const date = new Date(iso);
  const year = (value: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(value);
  const text = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    day: 'numeric',
    month: 'short',
    year: year(date) === year(now) ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
  return `${text} ${timeZoneLabel(timeZone)}`;
}

/** A calendar day ("2025-03-14") as "14 Mar 2025" in the page's language. */
export function formatDayIn(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** formatWhenIn in the current page's language. */
export function useWhen(): (iso: string | Date, timeZone: TimeZone) => string {
  const locale = useLocale();
  return useCallback((iso, timeZone) => formatWhenIn(locale, iso, timeZone), [locale]);
}
