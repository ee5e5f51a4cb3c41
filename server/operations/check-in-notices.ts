import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { incidents, provinces, users, volunteers, type EventRow } from '../../db/schema';
import type { TimeZone } from '../../lib/domain';
import { CHECK_IN_EVENTS } from '../../lib/operations';
import { ROLL_CALL_EVENTS } from '../../lib/roll-calls';

/**
 * Who hears of a check-in that turned: at the due time the volunteer ("Waktunya lapor aman"); past
 * due (terlambat) and past the grace period (kritis) its ketua regu and the coordinators in scope, and
 * the same people the moment the volunteer taps "Butuh bantuan", on the check-in or as the answer to a
 * roll call (apel) on a deployment. A sweep writes each turn once, under the watch's row lock, so each
 * notice goes once.
 */
export type CheckInNoticeState = 'due' | 'late' | 'critical' | 'help';

/** The notices one check-in event carries: a due notice for the volunteer and one state for the staff. */
export function checkInNoticesOf(event: Pick<EventRow, 'type' | 'payload'>): {
  due: boolean;
  staff: Exclude<CheckInNoticeState, 'due'> | null;
} {
  if (event.type === CHECK_IN_EVENTS.late) return { due: true, staff: 'late' };
  // A sweep that finds an "ok" watch already past its grace (after a restart) turns it critical at once.
  if (event.type === CHECK_IN_EVENTS.critical) return { due: event.payload.from === 'ok', staff: 'critical' };
  // "Butuh bantuan" is red at once: each such report (a new note may say more) reaches the staff.
  if (event.type === CHECK_IN_EVENTS.reported && event.payload.kind === 'help') return { due: false, staff: 'help' };
  if (isRollCallHelp(event)) return { due: false, staff: 'help' };
  return { due: false, staff: null };
}

/** "Butuh bantuan" answered to a roll call, by a volunteer called on a deployment (not only as a kabupaten's). */
const isRollCallHelp = (event: Pick<EventRow, 'type' | 'payload'>) =>
  event.type === ROLL_CALL_EVENTS.answered &&
  event.payload.answer === 'need_help' &&
  typeof event.payload.assignmentId === 'string';

export const isCheckInNotice = (event: Pick<EventRow, 'type' | 'payload'>) => {
  const { due, staff } = checkInNoticesOf(event);
  return due || staff !== null;
};

export interface CheckInAudience {
  assignmentId: string;
  incidentId: string;
  incidentTitle: string;
  timeZone: TimeZone;
  /** When the check-in was due; for a call for help, when it was made. */
  dueAt: Date;
  /** The call for help is a roll call's answer (apel), not a check-in's. */
  rollCall: boolean;
  volunteer: { id: string; name: string; phone: string };
  /** Active ketua regu of the volunteer's team (same kabupaten and pillar), not the volunteer itself. */
  teamLeaders: { id: string; phone: string }[];
  /** Coordinators whose scope holds the incident or the volunteer's home. */
  coordinatorUserIds: string[];
}

/** The people a check-in event's notices go to; null when the volunteer or incident is gone. */
export async function checkInAudience(
  db: Executor,
  event: Pick<EventRow, 'type' | 'volunteerId' | 'incidentId' | 'payload' | 'createdAt'>,
): Promise<CheckInAudience | null> {
  if (!event.volunteerId || !event.incidentId) return null;
  const [volunteer] = await db
    .select({
      id: volunteers.id,
      name: volunteers.name,
      phone: volunteers.phone,
      regencyCode: volunteers.regencyCode,
      pillarCode: volunteers.pillarCode,
      retiredAt: volunteers.retiredAt,
    })
    .from(volunteers)
    .where(eq(volunteers.id, event.volunteerId));
  const [incident] = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      provinceCode: incidents.provinceCode,
      regencyCode: incidents.regencyCode,
      timeZone: provinces.timeZone,
    })
    .from(incidents)
    .innerJoin(provinces, eq(provinces.code, incidents.provinceCode))
    .where(eq(incidents.id, event.incidentId));
  if (!volunteer || volunteer.retiredAt || !incident) return null;

  const teamLeaders = await db
    .select({ id: volunteers.id, phone: volunteers.phone })
    .from(volunteers)
    .where(
      and(
        eq(volunteers.isTeamLeader, true),
        eq(volunteers.regencyCode, volunteer.regencyCode),
        eq(volunteers.pillarCode, volunteer.pillarCode),
        ne(volunteers.id, volunteer.id),
        isNull(volunteers.retiredAt),
      ),
    );
  const homeProvince = volunteer.regencyCode.slice(0, 2);
  const coordinators = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, 'coordinator'),
        isNull(users.disabledAt),
        or(
          and(
            inArray(users.provinceCode, [...new Set([incident.provinceCode, homeProvince])]),
            isNull(users.regencyCode),
          ),
          inArray(users.regencyCode, [...new Set([incident.regencyCode, volunteer.regencyCode])]),
        ),
      ),
    );
  return {
    assignmentId: String(event.payload.assignmentId),
    incidentId: incident.id,
    incidentTitle: incident.title,
    timeZone: incident.timeZone as TimeZone,
    dueAt: typeof event.payload.dueAt === 'string' ? new Date(event.payload.dueAt) : event.createdAt,
    rollCall: event.type === ROLL_CALL_EVENTS.answered,
    volunteer: { id: volunteer.id, name: volunteer.name, phone: volunteer.phone },
    teamLeaders,
    coordinatorUserIds: coordinators.map((row) => row.id),
  };
}
