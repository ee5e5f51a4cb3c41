import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { assignments, type NewEventRow } from '../../db/schema';
import { ASSIGNMENT_EVENTS } from '../../lib/dispatch';
import { assignmentEvent, type LockedAssignment } from '../deployments/access';
import { homesOf } from '../deployments/slots';

/**
 * A relief volunteer reported on site: every volunteer of the request it relieves who is still on site
 * becomes "diganti", each with its own event, in the arriving volunteer's transaction. The relief's own
 * request is locked already; the relieved assignments are locked by the update itself.
 */
export async function relieveTeam(
  tx: Transaction,
  arriving: Pick<LockedAssignment, 'assignment' | 'request' | 'incident'>,
  now: Date,
): Promise<NewEventRow[]> {
  const relievedRequestId = arriving.request.relievesRequestId;
  if (!relievedRequestId) return [];
  const relieved = await tx
    .update(assignments)
    .set({ status: 'relieved', relievedAt: now, relievedByAssignmentId: arriving.assignment.id, updatedAt: now })
    .where(and(eq(assignments.requestId, relievedRequestId), eq(assignments.status, 'on_site')))
    .returning({ id: assignments.id, volunteerId: assignments.volunteerId });
  if (relieved.length === 0) return [];
  const homes = await homesOf(
    tx,
    relieved.map((row) => row.volunteerId),
  );
  return relieved
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((row) => {
      const home = homes.get(row.volunteerId)!;
      return assignmentEvent(
        {
          volunteerId: row.volunteerId,
          provinceCode: home.provinceCode,
          regencyCode: home.regencyCode,
          incidentId: arriving.incident.id,
        },
        ASSIGNMENT_EVENTS.relieved,
        {
          requestId: relievedRequestId,
          assignmentId: row.id,
          reliefRequestId: arriving.request.id,
          reliefAssignmentId: arriving.assignment.id,
        },
      );
    });
}
