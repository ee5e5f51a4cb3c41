import { and, asc, eq, exists, lte, or } from 'drizzle-orm';
import { assignments, deploymentRequests, incidents, type NewEventRow } from '../../db/schema';
import type { DomainContext } from '../context';
import { commitWithEvents } from '../events/commit';
import { expireRequest } from './slots';

/**
 * The deadline sweep: every request past its deadline has its unanswered offers expired, and an open
 * one becomes "expired" (a filled one stays filled; accepted assignments carry on). It reads only the
 * database, so it is safe at start-up, on an interval, after a restart and on several processes at once.
 */
export async function expireOffers({
  ctx,
  now,
}: {
  ctx: DomainContext;
  now: Date;
}): Promise<{ expiredRequests: number; expiredOffers: number }> {
  return commitWithEvents(ctx, async (tx) => {
    const waitingOffer = tx
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.requestId, deploymentRequests.id), eq(assignments.status, 'offered')));
    // Locked in id order; a sweep running elsewhere waits, then finds nothing left to do.
    const due = await tx
      .select({
        request: deploymentRequests,
        incident: { id: incidents.id, provinceCode: incidents.provinceCode, regencyCode: incidents.regencyCode },
      })
      .from(deploymentRequests)
      .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
      .where(
        and(
          lte(deploymentRequests.deadline, now),
          or(eq(deploymentRequests.status, 'open'), and(eq(deploymentRequests.status, 'filled'), exists(waitingOffer))),
        ),
      )
      .orderBy(asc(deploymentRequests.id))
      .for('no key update', { of: deploymentRequests });

    const events: NewEventRow[] = [];
    let expiredRequests = 0;
    let expiredOffers = 0;
    for (const { request, incident } of due) {
      const expired = await expireRequest(tx, request, incident, now);
      if (expired.request.status !== request.status) expiredRequests += 1;
      expiredOffers += expired.expiredOffers;
      events.push(...expired.events);
    }
    return { result: { expiredRequests, expiredOffers }, events };
  });
}
