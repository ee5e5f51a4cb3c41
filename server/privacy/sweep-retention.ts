import { and, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import {
  assignments,
  checkInWatches,
  events,
  pushSubscriptions,
  regencies,
  sessions,
  users,
  volunteers,
  type NewEventRow,
} from '../../db/schema';
import { FINAL_ASSIGNMENT_STATUSES } from '../../lib/assignment-state';
import { PRIVACY_EVENTS } from '../../lib/privacy';
import type { DomainContext } from '../context';
import { commitWithEvents } from '../events/commit';

export interface RetentionResult {
  /** Assignments whose positions were removed. */
  assignments: number;
  /** Event-log rows that lost a position. */
  events: number;
  sessions: number;
  pushSubscriptions: number;
}

/**
 * Timed work (UU PDP: no longer than needed): `retentionDays` after an assignment ended, its arrival and
 * check-in positions are removed from the assignment, its watch and the event log; sessions and push
 * subscriptions of retired volunteers are removed. One `privacy.retention` event per province touched.
 */
export async function sweepRetention({
  ctx,
  now,
  retentionDays,
}: {
  ctx: DomainContext;
  now: Date;
  retentionDays: number;
}): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return commitWithEvents(ctx, async (tx) => {
    const ended = await tx
      .select({ id: assignments.id, provinceCode: regencies.provinceCode })
      .from(assignments)
      .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .leftJoin(checkInWatches, eq(checkInWatches.assignmentId, assignments.id))
      .where(
        and(
          inArray(assignments.status, FINAL_ASSIGNMENT_STATUSES),
          lt(sql`coalesce(${assignments.completedAt}, ${assignments.updatedAt})`, cutoff),
          or(
            isNotNull(assignments.arrivedLat),
            isNotNull(checkInWatches.lastLat),
            sql`exists (select 1 from ${events} where ${events.volunteerId} = ${assignments.volunteerId}
              and ${events.payload} ->> 'assignmentId' = ${assignments.id}::text and ${events.payload} ? 'lat')`,
          ),
        ),
      );
    const ids = ended.map((row) => row.id);
    let scrubbedEvents: { assignmentId: string }[] = [];
    if (ids.length > 0) {
      await tx.update(assignments).set({ arrivedLat: null, arrivedLng: null }).where(inArray(assignments.id, ids));
      await tx
        .update(checkInWatches)
        .set({ lastLat: null, lastLng: null, lastPositionAt: null })
        .where(inArray(checkInWatches.assignmentId, ids));
      scrubbedEvents = await tx
        .update(events)
        .set({ payload: sql`${events.payload} - 'lat' - 'lng'` })
        .where(and(sql`${events.payload} ? 'lat'`, inArray(sql`${events.payload} ->> 'assignmentId'`, ids)))
        .returning({ assignmentId: sql<string>`${events.payload} ->> 'assignmentId'` });
    }

    const retiredAccounts = tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(volunteers, eq(volunteers.id, users.volunteerId))
      .where(isNotNull(volunteers.retiredAt));
    const pushes = await tx
      .delete(pushSubscriptions)
      .where(inArray(pushSubscriptions.userId, retiredAccounts))
      .returning({ userId: pushSubscriptions.userId });
    const endedSessions = await tx
      .delete(sessions)
      .where(inArray(sessions.userId, retiredAccounts))
      .returning({ userId: sessions.userId });

    const perProvince = new Map<string, RetentionResult>();
    const tally = (provinceCode: string) => {
      let entry = perProvince.get(provinceCode);
      if (!entry)
        perProvince.set(provinceCode, (entry = { assignments: 0, events: 0, sessions: 0, pushSubscriptions: 0 }));
      return entry;
    };
    for (const row of ended) tally(row.provinceCode).assignments += 1;
    const accountIds = [...new Set([...pushes, ...endedSessions].map((row) => row.userId))];
    const accountProvince = new Map(
      accountIds.length === 0
        ? []
        : (
            await tx
              .select({ id: users.id, provinceCode: regencies.provinceCode })
              .from(users)
              .innerJoin(volunteers, eq(volunteers.id, users.volunteerId))
              .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
              .where(inArray(users.id, accountIds))
          ).map((row) => [row.id, row.provinceCode]),
    );
    for (const row of pushes) tally(accountProvince.get(row.userId)!).pushSubscriptions += 1;
    for (const row of endedSessions) tally(accountProvince.get(row.userId)!).sessions += 1;
    const assignmentProvince = new Map(ended.map((row) => [row.id, row.provinceCode]));
    for (const row of scrubbedEvents) tally(assignmentProvince.get(row.assignmentId)!).events += 1;

    const written: NewEventRow[] = [...perProvince].map(([provinceCode, counts]) => ({
      type: PRIVACY_EVENTS.retention,
      provinceCode,
      payload: { ...counts, retentionDays, endedBefore: cutoff.toISOString() },
    }));
    return {
      result: {
        assignments: ended.length,
        events: scrubbedEvents.length,
        sessions: endedSessions.length,
        pushSubscriptions: pushes.length,
      },
      events: written,
    };
  });
}
