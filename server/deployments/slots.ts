import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
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
 * Takes `count` places of an open request, or nothing when fewer are free, it is no longer open or past its
 * deadline: the check and the increment are one statement, so accepted never exceeds slots (invariant 6).
 * The request becomes "filled" with its last place, which stops the other offers from being accepted.
 */
export async function takeSlots(
  tx: Transaction,
  requestId: string,
  count: number,
  now: Date,
): Promise<DeploymentRequest | undefined> {
  const [request] = await tx
    .update(deploymentRequests)
    .set({
      acceptedCount: sql`${deploymentRequests.acceptedCount} + ${count}`,
      status: sql`(case when ${deploymentRequests.acceptedCount} + ${count} >= ${deploymentRequests.slots}
        then 'filled' else 'open' end)::request_status`,
      updatedAt: now,
    })
    .where(
      and(
        eq(deploymentRequests.id, requestId),
        lte(sql`${deploymentRequests.acceptedCount} + ${count}`, deploymentRequests.slots),
        eq(deploymentRequests.status, 'open'),
        gt(deploymentRequests.deadline, now),
      ),
    )
    .returning();
  return request;
}

/** The first key of the two-key advisory locks that stand for places (see holdPlaces). */
const PLACE_LOCKS = 0x706c6163; // "plac"

/**
 * Holds up to `wanted` of a request's free places for this transaction, and says how many: none when every
 * free place is already held by accepts in flight, and then they are refused at once instead of queueing
 * behind the request's row (500 phones racing for 50 places: 50 wait for the row, 450 are answered straight
 * away). A place is a transaction-scoped advisory lock on (request, place number) among the places not yet
 * taken as last committed, so it is released when the accepts commit or fail, on any process. It only limits
 * who waits; takeSlots, under the row lock, still decides (a stale count lets an accept through to be
 * refused there).
 */
export async function holdPlaces(
  tx: Transaction,
  request: Pick<DeploymentRequest, 'id' | 'slots' | 'acceptedCount'>,
  wanted: number,
): Promise<number> {
  if (request.acceptedCount >= request.slots || wanted < 1) return 0;
  const { rows } = (await tx.execute(sql`
    select count(*)::int as held from (
      select place from generate_series(${request.acceptedCount}::int, ${request.slots - 1}::int) as place
      where pg_try_advisory_xact_lock(${PLACE_LOCKS}, hashtext(${request.id}::text || ':' || place::text))
      limit ${wanted}
    ) as places`)) as unknown as { rows: { held: number }[] };
  return rows[0]?.held ?? 0;
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
