/**
 * The event types of safety check-ins, without the input schemas (lib/operations.ts), so a page that
 * only listens for them loads no schema library.
 */

/** Scope: as assignment events (the volunteer's province and kabupaten, volunteerId, incidentId). */
export const CHECK_IN_EVENTS = {
  /** The volunteer reported (payload: kind, note, clientAt, lat/lng when shared, dueAt, state). */
  reported: 'checkin.reported',
  /** The next check-in is due now: the volunteer's phone is reminded. */
  due: 'checkin.due',
  late: 'checkin.late',
  critical: 'checkin.critical',
  contacted: 'checkin.contacted',
  resolved: 'checkin.resolved',
} as const;
export type CheckInEventType = (typeof CHECK_IN_EVENTS)[keyof typeof CHECK_IN_EVENTS];
export const isCheckInEvent = (type: string) => type.startsWith('checkin.');
