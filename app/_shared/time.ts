import type { TimeZone } from '@/lib/domain';
import { DEFAULT_LOCALE, INTL_LOCALE, type Locale } from '../_i18n/config';

/** Indonesia keeps no daylight saving time: each zone is one fixed offset. */
const OFFSETS: Record<TimeZone, { offset: string; hours: number; label: string }> = {
  'Asia/Jakarta': { offset: '+07:00', hours: 7, label: 'WIB' },
  'Asia/Makassar': { offset: '+08:00', hours: 8, label: 'WITA' },
  'Asia/Jayapura': { offset: '+09:00', hours: 9, label: 'WIT' },
};

/** WIB, WITA or WIT: the names Indonesians use for their zones, in either language. */
export const timeZoneLabel = (timeZone: TimeZone) => OFFSETS[timeZone].label;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "22 Nov 14.05 WIB" (or "22 Nov 14:05 WIB" in English): in the province's own time, whatever the
 * viewer's device says.
 */
export function formatWhen(iso: string, timeZone: TimeZone, locale: Locale = DEFAULT_LOCALE): string {
  const key = `${locale} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
    formatters.set(key, format);
  }
  // Intl puts a comma between the date and the time; the zone's name closes the line instead.
  const text = format
    .formatToParts(new Date(iso))
    .map((part) => (part.type === 'literal' && part.value.includes(',') ? ' ' : part.value))
    .join('');
  return `${text.replace(/\s+/g, ' ')} ${OFFSETS[timeZone].label}`;
}

const SPAN_WORDS: Record<Locale, { under: string; min: string; hour: string; day(n: number): string }> = {
  id: { under: 'kurang dari 1 mnt', min: 'mnt', hour: 'jam', day: () => 'hari' },
  en: { under: 'less than 1 min', min: 'min', hour: 'h', day: (n) => (n === 1 ? 'day' : 'days') },
};

/** A span of time, short: "12 mnt", "2 jam 5 mnt", "3 hari" ("12 min", "2 h 5 min", "3 days"). */
export function formatSpan(ms: number, locale: Locale = DEFAULT_LOCALE): string {
  const words = SPAN_WORDS[locale];
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return words.under;
  if (minutes < 60) return `${minutes} ${words.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24)
    return minutes % 60 ? `${hours} ${words.hour} ${minutes % 60} ${words.min}` : `${hours} ${words.hour}`;
  const days = Math.floor(hours / 24);
  return `${days} ${words.day(days)}`;
}

/** The value of a datetime-local input showing `date` in the province's time: "2026-11-22T14:05". */
export function toLocalInput(date: Date, timeZone: TimeZone): string {
  return new Date(date.getTime() + OFFSETS[timeZone].hours * 3_600_000).toISOString().slice(0, 16);
}

/** A datetime-local value read as the province's time, as the API expects it ("…T14:05:00+07:00"). */
export function fromLocalInput(value: string, timeZone: TimeZone): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00${OFFSETS[timeZone].offset}` : value;
}
