import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import {
  assignments,
  deploymentRequests,
  regencies,
  volunteers,
  type DeploymentRequest,
  type NewEventRow,
} from '../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../lib/dispatch';
import { incidentEvent, type IncidentScope } from '../incidents/access';
import { assignmentEvent } from './access';

/**
 * Takes one place of an open request, or nothing when it is full, no longer open or past its deadline:
 * the check and the increment are one statement, so accepted never exceeds slots (invariant 6). The
 * request becomes "filled" with its last place, which stops the other offers from being accepted.
 */
export async function takeSlot(tx: Transaction, requestId: string, now: Date): Promise<DeploymentRequest | undefined> {
  const [request] = await tx
    .update(deploymentRequests)
    .set({
      acceptedCount: sql`${deploymentRequests.acceptedCount} + 1`,
      status: sql`(case when ${deploymentRequests.acceptedCount} + 1 >= ${deploymentRequests.slots}
        then 'filled' else 'open' end)::request_status`,
      updatedAt: now,
    })
    .where(
      and(
        eq(deploymentRequests.id, requestId),
        lt(deploymentRequests.acceptedCount, deploymentRequests.slots),
        eq(deploymentRequests.status, 'open'),
        gt(deploymentRequests.deadline, now),
      ),
    )
    .returning();
  return request;
}

/**
 * Gives a place back (a volunteer withdrew or was cancelled). A filled request opens again so its
 * waiting offers can be accepted, as long as its deadline has not passed; past it, the request expires.
 */
export async function freeSlot(
  tx: Transaction,
  request: DeploymentRequest,
  incident: IncidentScope,
  now: Date,
): Promise<{ request: DeploymentRequest; events: NewEventRow[] }> {
  const reopen = request.status === 'filled';
  const [freed] = await tx
    .update(deploymentRequests)
    .set({
      acceptedCount: sql`${deploymentRequests.acceptedCount} - 1`,
      ...(reopen ? { status: 'open' as const } : {}),
      updatedAt: now,
    })
    .where(eq(deploymentRequests.id, request.id))
    .returning();
  if (!reopen) return { request: freed!, events: [] };
  if (freed!.deadline <= now) return expireRequest(tx, freed!, incident, now);
  return {
    request: freed!,
    events: [
      incidentEvent(incident, REQUEST_EVENTS.reopened, {
        requestId: freed!.id,
        slots: freed!.slots,
        acceptedCount: freed!.acceptedCount,
      }),
    ],
  };
}

/**
 * A request past its deadline: offers nobody answered expire, and an open request becomes "expired"
 * (a filled one stays filled). Accepted assignments carry on. The caller holds the request's lock.
 */
/** Each volunteer's home kabupaten/kota and province, the scope of their assignment events. */
export async function homesOf(
  tx: Transaction,
  volunteerIds: string[],
): Promise<Map<string, { regencyCode: string; provinceCode: string }>> {
  if (volunteerIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: volunteers.id, regencyCode: volunteers.regencyCode, provinceCode: regencies.provinceCode })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(inArray(volunteers.id, volunteerIds));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function expireRequest(
  tx: Transaction,
  request: DeploymentRequest,
  incident: IncidentScope,
  now: Date,
): Promise<{ request: DeploymentRequest; events: NewEventRow[]; expiredOffers: number }> {
  const expired = await tx
    .update(assignments)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(assignments.requestId, request.id), eq(assignments.status, 'offered')))
    .returning({ id: assignments.id, volunteerId: assignments.volunteerId });
  const homeOf = await homesOf(
    tx,
    expired.map((offer) => offer.volunteerId),
  );
  const events = expired.map((offer) => {
    const home = homeOf.get(offer.volunteerId)!;
    return assignmentEvent(
      {
        volunteerId: offer.volunteerId,
        provinceCode: home.provinceCode,
        regencyCode: home.regencyCode,
        incidentId: incident.id,
      },
      ASSIGNMENT_EVENTS.expired,
      { requestId: request.id, assignmentId: offer.id },
    );
  });

  if (request.status !== 'open') return { request, events, expiredOffers: expired.length };
  const [updated] = await tx
    .update(deploymentRequests)
    .set({ status: 'expired', updatedAt: now })
    .where(eq(deploymentRequests.id, request.id))
    .returning();
  events.push(
    incidentEvent(incident, REQUEST_EVENTS.expired, {
      requestId: request.id,
      slots: updated!.slots,
      acceptedCount: updated!.acceptedCount,
      expiredOffers: expired.length,
    }),
  );
  return { request: updated!, events, expiredOffers: expired.length };
}
