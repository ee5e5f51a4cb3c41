import { z } from 'zod';
import type { IncidentType } from './domain';
import { OBJECT_ERROR, dateTime, id, idempotencyKey, latitude, longitude, optionalText, text } from './fields';

/**
 * Safety check-ins during a deployment ("Aman?"): the inputs, the states a watch goes through and the
 * event types the verbs write. Shared by the server, the pages and the Socket.IO contract.
 */

/** How often a volunteer on site reports safe, by incident type, unless the request says otherwise. */
export const CHECK_IN_DEFAULT_MINUTES: Record<IncidentType, number> = {
  flood: 120,
  forest_fire: 90,
  landslide: 120,
  whirlwind: 180,
  earthquake: 120,
  settlement_fire: 120,
  drought: 240,
  neglected_person: 240,
  other_social: 240,
};
/** Past due by this much, a late check-in becomes critical, unless the request says otherwise. */
export const CHECK_IN_DEFAULT_GRACE_MINUTES = 30;

/**
 * ok: the next check-in is not due yet; late: past due (amber); critical: past the grace period (red);
 * help: the volunteer asked for help (red at once). A coordinator's resolve makes it ok again.
 */
export const CHECK_IN_STATES = ['ok', 'late', 'critical', 'help'] as const;
export type CheckInState = (typeof CHECK_IN_STATES)[number];
export const CHECK_IN_KINDS = ['safe', 'help'] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];

// In a zod-free module of their own, which the phone page imports.
export { CHECK_IN_EVENTS, isCheckInEvent, type CheckInEventType } from './check-in-events';

/** What the state of a watch is at a moment, from its due time (help stays until resolved). */
export function checkInStateAt(watch: { state: CheckInState; dueAt: Date; graceMs: number }, now: Date): CheckInState {
  if (watch.state === 'help') return 'help';
  const overdue = now.getTime() - watch.dueAt.getTime();
  if (overdue < 0) return 'ok';
  return overdue >= watch.graceMs ? 'critical' : 'late';
}

/** Minutes between check-ins as a coordinator sets them; fractions (0.1 = 6 s) serve drills and tests. */
export const checkInMinutes = z
  .number({ error: 'Selang lapor aman harus berupa angka menit, mis. 120 untuk 2 jam.' })
  .min(0.1, { error: 'Selang lapor aman paling sedikit 0,1 menit.' })
  .max(1440, { error: 'Selang lapor aman paling lama 1.440 menit (24 jam).' });
export const checkInGraceMinutes = z
  .number({ error: 'Masa tenggang harus berupa angka menit, mis. 30.' })
  .min(0.1, { error: 'Masa tenggang paling sedikit 0,1 menit.' })
  .max(720, { error: 'Masa tenggang paling lama 720 menit (12 jam).' });

/** A check-in from the phone; made offline, it carries the time it was made. */
export const ReportCheckIn = z
  .object(
    {
      assignmentId: id('assignmentId'),
      kind: z.enum(CHECK_IN_KINDS, { error: 'kind harus "safe" (saya aman) atau "help" (butuh bantuan).' }),
      note: optionalText('Catatan', 500),
      lat: latitude.optional(),
      lng: longitude.optional(),
      /** When the volunteer tapped (the outbox may send it later); left out: when it arrives. */
      clientAt: dateTime('Waktu lapor').optional(),
      idempotencyKey,
    },
    OBJECT_ERROR,
  )
  .refine((input) => (input.lat === undefined) === (input.lng === undefined), {
    error: 'Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.',
    path: ['lat'],
  });
export type ReportCheckIn = z.infer<typeof ReportCheckIn>;

export const MarkContacted = z.object(
  { assignmentId: id('assignmentId'), note: text('Catatan', 500, { min: 1, minError: 'Tulis catatan singkat.' }) },
  OBJECT_ERROR,
);
export type MarkContacted = z.infer<typeof MarkContacted>;

export const ResolveCheckIn = z.object(
  { assignmentId: id('assignmentId'), note: optionalText('Catatan', 500) },
  OBJECT_ERROR,
);
export type ResolveCheckIn = z.infer<typeof ResolveCheckIn>;

const isoTime = z.string();

/** One watched assignment, as the phone and the incident page show it. */
export const CheckInStatus = z.object({
  assignmentId: z.string(),
  volunteerId: z.string(),
  state: z.enum(CHECK_IN_STATES),
  dueAt: isoTime,
  lastCheckInAt: isoTime.nullable(),
  lastNote: z.string().nullable(),
  contactedAt: isoTime.nullable(),
  contactedNote: z.string().nullable(),
  /** Only when the volunteer shared it. */
  lastPosition: z.object({ lat: z.number(), lng: z.number(), at: isoTime }).nullable(),
});
export type CheckInStatus = z.infer<typeof CheckInStatus>;
