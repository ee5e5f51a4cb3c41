import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import {
  assignments,
  checkInWatches,
  deploymentRequests,
  incidents,
  regencies,
  volunteers,
  type NewEventRow,
} from '../../db/schema';
import { CHECK_IN_EVENTS, checkInStateAt } from '../../lib/operations';
import type { DomainContext } from '../context';
import { commitWithEvents } from '../events/commit';
import { checkInEvent, graceMs, watchedAssignment } from './watch';

/**
 * The check-in sweep: every watched assignment whose check-in is past due turns "terlambat", and past
 * the grace period "kritis", each with its event (which also sends the pushes). It reads only the
 * database, so a restart catches up at once, and watches locked by a sweep elsewhere are waited for.
 */
export async function sweepCheckIns({
  ctx,
  now,
}: {
  ctx: DomainContext;
  now: Date;
}): Promise<{ late: number; critical: number }> {
  return commitWithEvents(ctx, async (tx) => {
    const due = await tx
      .select({
        watch: checkInWatches,
        requestId: deploymentRequests.id,
        graceSeconds: deploymentRequests.checkInGraceSeconds,
        incident: { id: incidents.id },
        volunteer: { id: volunteers.id, regencyCode: volunteers.regencyCode, provinceCode: regencies.provinceCode },
      })
      .from(checkInWatches)
      .innerJoin(assignments, eq(assignments.id, checkInWatches.assignmentId))
      .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
      .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
      .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(and(lte(checkInWatches.dueAt, now), inArray(checkInWatches.state, ['ok', 'late']), watchedAssignment))
      .orderBy(asc(checkInWatches.assignmentId))
      .for('no key update', { of: checkInWatches });

    const events: NewEventRow[] = [];
    let late = 0;
    let critical = 0;
    for (const { watch, requestId, graceSeconds, incident, volunteer } of due) {
      const state = checkInStateAt(
        { state: watch.state, dueAt: watch.dueAt, graceMs: graceMs({ checkInGraceSeconds: graceSeconds }) },
        now,
      );
      if (state === watch.state) continue;
      await tx
        .update(checkInWatches)
        .set({ state, stateChangedAt: now, updatedAt: now })
        .where(eq(checkInWatches.assignmentId, watch.assignmentId));
      if (state === 'late') late += 1;
      if (state === 'critical') critical += 1;
      events.push(
        await checkInEvent(
          tx,
          {
            volunteerId: volunteer.id,
            provinceCode: volunteer.provinceCode,
            regencyCode: volunteer.regencyCode,
            incidentId: incident.id,
          },
          state === 'critical' ? CHECK_IN_EVENTS.critical : CHECK_IN_EVENTS.late,
          { requestId, assignmentId: watch.assignmentId, dueAt: watch.dueAt.toISOString(), from: watch.state },
        ),
      );
    }
    return { result: { late, critical }, events };
  });
}
