import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  assignments,
  deploymentRequests,
  regencies,
  volunteers,
  type DeploymentRequest,
  type NewEventRow,
} from '../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES, isActiveAssignment } from '../../lib/assignment-state';
import { ASSIGNMENT_EVENTS, CancelRequest, REQUEST_EVENTS, REQUEST_STATUS_LABELS } from '../../lib/dispatch';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { incidentEvent } from '../incidents/access';
import { assignmentEvent, lockRequest, type AssignmentScope } from './access';
import { releaseVolunteer } from './duty';

/**
 * A coordinator in the incident's scope calls a whole request off: offers still waiting and assignments
 * not yet completed are cancelled, their places given back, and their volunteers are "Siaga" again.
 * Completed assignments stay as they are.
 */
export async function cancelRequest({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ request: DeploymentRequest; cancelledOffers: number; cancelledAssignments: number }> {
  const { requestId, reason } = parseInput(CancelRequest, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const { request, incident } = await lockRequest(tx, requestId);
    requireCoordinatorFor(ctx.actor, incident);
    if (request.status === 'cancelled' || request.status === 'closed') {
      throw new DomainError(
        'CONFLICT',
        `Permintaan ini sudah ${REQUEST_STATUS_LABELS[request.status].toLowerCase()}; tidak ada yang dapat dibatalkan lagi.`,
      );
    }

    const running = await tx
      .select({
        id: assignments.id,
        status: assignments.status,
        volunteerId: assignments.volunteerId,
        regencyCode: volunteers.regencyCode,
        provinceCode: regencies.provinceCode,
      })
      .from(assignments)
      .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(
        and(
          eq(assignments.requestId, request.id),
          // A relieved team is on its way home: cancelling the request does not call that off.
          inArray(assignments.status, ['offered', ...ACTIVE_ASSIGNMENT_STATUSES.filter((s) => s !== 'relieved')]),
        ),
      )
      .orderBy(asc(assignments.volunteerId))
      .for('no key update', { of: assignments });
    if (running.length > 0) {
      await tx
        .update(assignments)
        .set({ status: 'cancelled', updatedAt: now })
        .where(
          inArray(
            assignments.id,
            running.map((assignment) => assignment.id),
          ),
        );
    }
    const active = running.filter((assignment) => isActiveAssignment(assignment.status));
    const [updated] = await tx
      .update(deploymentRequests)
      .set({
        status: 'cancelled',
        acceptedCount: sql`${deploymentRequests.acceptedCount} - ${active.length}`,
        updatedAt: now,
      })
      .where(eq(deploymentRequests.id, request.id))
      .returning();

    const cancelledOffers = running.length - active.length;
    const events: NewEventRow[] = [
      incidentEvent(incident, REQUEST_EVENTS.cancelled, {
        requestId: request.id,
        reason: reason ?? null,
        cancelledOffers,
        cancelledAssignments: active.length,
        by: ctx.actor.userId,
      }),
    ];
    for (const assignment of running) {
      const scope: AssignmentScope = {
        volunteerId: assignment.volunteerId,
        provinceCode: assignment.provinceCode,
        regencyCode: assignment.regencyCode,
        incidentId: incident.id,
      };
      events.push(
        assignmentEvent(scope, ASSIGNMENT_EVENTS.cancelled, {
          requestId: request.id,
          assignmentId: assignment.id,
          from: assignment.status,
          reason: reason ?? null,
        }),
      );
      if (isActiveAssignment(assignment.status)) {
        const released = await releaseVolunteer(tx, scope, now);
        if (released) events.push(released);
      }
    }
    return {
      result: { request: updated!, cancelledOffers, cancelledAssignments: active.length },
      events,
    };
  });
}
