import type { AssignmentStatus } from './domain';

/**
 * Hours on duty and the long-shift warning, shared by the incident page, the phone and the command
 * centre so all three count alike. Duty runs from departure (or arrival) until relief or completion.
 */

/** Past this long on site, a volunteer is due for relief (amber on the incident page and the command centre). */
export const LONG_ON_SITE_MS = 12 * 3_600_000;

export interface DutyTimes {
  status: AssignmentStatus;
  departedAt: string | Date | null;
  arrivedAt: string | Date | null;
  completedAt: string | Date | null;
  relievedAt: string | Date | null;
}

const ms = (value: string | Date | null) => (value === null ? null : new Date(value).getTime());
const ON_DUTY: AssignmentStatus[] = ['en_route', 'on_site', 'relieved', 'completed', 'returned'];

/** Milliseconds on duty so far (null when the volunteer never set out). */
export function dutyMs(entry: DutyTimes, now: number): number | null {
  if (!ON_DUTY.includes(entry.status)) return null;
  const start = ms(entry.departedAt) ?? ms(entry.arrivedAt);
  if (start === null) return null;
  const end = ms(entry.relievedAt) ?? ms(entry.completedAt) ?? now;
  return Math.max(0, end - start);
}

/** Whether a volunteer still on site has been there longer than LONG_ON_SITE_MS. */
export function longOnSite(entry: DutyTimes, now: number): boolean {
  const arrived = ms(entry.arrivedAt);
  return entry.status === 'on_site' && arrived !== null && now - arrived > LONG_ON_SITE_MS;
}

/** A team's hours: person-hours together and the longest single stretch. */
export function teamDuty(entries: DutyTimes[], now: number): { totalMs: number; longestMs: number; people: number } {
  const spans = entries.map((entry) => dutyMs(entry, now)).filter((span): span is number => span !== null);
  return {
    totalMs: spans.reduce((sum, span) => sum + span, 0),
    longestMs: spans.reduce((max, span) => Math.max(max, span), 0),
    people: spans.length,
  };
}

/** Whole hours, rounded down, for "13 jam". */
export const wholeHours = (span: number) => Math.floor(span / 3_600_000);
