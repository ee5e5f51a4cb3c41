import type { TimeZone } from '@/lib/domain';

/** Indonesia keeps no daylight saving time: each zone is one fixed offset. */
const OFFSETS: Record<TimeZone, { offset: string; hours: number; label: string }> = {
  'Asia/Jakarta': { offset: '+07:00', hours: 7, label: 'WIB' },
  'Asia/Makassar': { offset: '+08:00', hours: 8, label: 'WITA' },
  'Asia/Jayapura': { offset: '+09:00', hours: 9, label: 'WIT' },
};

export const timeZoneLabel = (timeZone: TimeZone) => OFFSETS[timeZone].label;

const formatters = new Map<TimeZone, Intl.DateTimeFormat>();

/** "22 Nov 14.05 WIB": in the province's own time, whatever the viewer's device says. */
export function formatWhen(iso: string, timeZone: TimeZone): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('id-ID', {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    });
    formatters.set(timeZone, format);
  }
  return `${format.format(new Date(iso))} ${OFFSETS[timeZone].label}`;
}

/** A span of time, short: "baru saja", "12 mnt", "2 jam 5 mnt", "3 hari". */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'kurang dari 1 mnt';
  if (minutes < 60) return `${minutes} mnt`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} jam ${minutes % 60} mnt` : `${hours} jam`;
  return `${Math.floor(hours / 24)} hari`;
}

/** The value of a datetime-local input showing `date` in the province's time: "2026-11-22T14:05". */
export function toLocalInput(date: Date, timeZone: TimeZone): string {
  return new Date(date.getTime() + OFFSETS[timeZone].hours * 3_600_000).toISOString().slice(0, 16);
}

/** A datetime-local value read as the province's time, as the API expects it ("…T14:05:00+07:00"). */
export function fromLocalInput(value: string, timeZone: TimeZone): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00${OFFSETS[timeZone].offset}` : value;
}
