const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Kalteng, Bangka Belitung and Jawa Barat all keep WIB (UTC+7, no daylight saving). */
const WIB_OFFSET = 7 * HOUR;

export const minutesAfter = (time: Date, minutes: number) => new Date(time.getTime() + minutes * MINUTE);
export const hoursAfter = (time: Date, hours: number) => new Date(time.getTime() + hours * HOUR);
export const hoursBefore = (time: Date, hours: number) => hoursAfter(time, -hours);
export const daysBefore = (time: Date, days: number) => new Date(time.getTime() - days * DAY);

/** The calendar date in WIB, as a `date` column wants it: "2026-11-22". */
export function wibDate(time: Date): string {
  return new Date(time.getTime() + WIB_OFFSET).toISOString().slice(0, 10);
}

/** The earlier of two times: keeps a generated step from landing after `now`. */
export const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);
/** The later of two times: keeps a generated step from landing before the one it follows. */
export const latest = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
