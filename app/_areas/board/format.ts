'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { TimeZone } from '@/lib/domain';
import { timeZoneLabel } from '@/app/_shared/time';

/** "1 jam 20 mnt" / "1 h 20 min": a median duration, to the minute. */
export function useDuration(): (seconds: number) => string {
  const t = useTranslations('board.duration');
  return useCallback(
    (seconds: number) => {
      const minutes = Math.round(seconds / 60);
      if (minutes < 1) return t('underMinute');
      if (minutes < 60) return t('minutes', { minutes });
      const hours = Math.floor(minutes / 60);
      if (hours < 24) return minutes % 60 ? t('hours', { hours, minutes: minutes % 60 }) : t('wholeHours', { hours });
      return t('days', { days: Math.floor(hours / 24), hours: hours % 24 });
    },
    [t],
  );
}

/** "14.05 WIB", or "22 Nov 14.05 WIB" when it is not the day of `today`: in the province's own zone. */
export function useClock(timeZone: TimeZone): (iso: string, today?: string) => string {
  const format = useFormatter();
  return useCallback(
    (iso: string, today?: string) => {
      const day = (value: string) => format.dateTime(new Date(value), { dateStyle: 'short', timeZone });
      const sameDay = today !== undefined && day(iso) === day(today);
      const time = format.dateTime(new Date(iso), {
        ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
      });
      return `${time} ${timeZoneLabel(timeZone)}`;
    },
    [format, timeZone],
  );
}
