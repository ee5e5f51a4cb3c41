import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, deploymentRequests, events } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../../lib/dispatch';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { expireOffers } from '../../../server/deployments/expire-offers';
import { withdrawAssignment } from '../../../server/deployments/withdraw-assignment';
import { openTestDatabase, testDriver } from '../../support/database';
import { actorContext, actors, inHours, openRequest, volunteerRow } from '../../support/dispatch';
import { testContext } from '../../support/domain';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

async function requestRow(id: string) {
  const [row] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, id));
  return row!;
}

async function statusesOf(requestId: string) {
  const rows = await handle.db
    .select({ volunteerId: assignments.volunteerId, status: assignments.status })
    .from(assignments)
    .where(eq(assignments.requestId, requestId));
  return new Map(rows.map((row) => [row.volunteerId, row.status]));
}

const justAfter = (deadline: Date) => new Date(deadline.getTime() + 1_000);

describe('expireOffers', () => {
  it('expires the unanswered offers of a request past its deadline and the request itself; accepted ones carry on', async () => {
    const deadline = inHours(1);
    const { request, incident, crew } = await openRequest(handle, { slots: 3, offered: 4, deadline });
    const [accepted, ...waiting] = crew;
    await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(accepted!.volunteer)),
      input: { assignmentId: accepted!.offer.id },
    });

    // Before the deadline the sweep leaves everything alone.
    const early = testContext(handle);
    expect(await expireOffers({ ctx: early, now: inHours(0.5) })).toEqual({ expiredRequests: 0, expiredOffers: 0 });
    expect(early.published).toEqual([]);

    // A fresh context, as after a restart: the sweep needs nothing but the database.
    const ctx = testContext(handle);
    const result = await expireOffers({ ctx, now: justAfter(deadline) });
    expect(result).toEqual({ expiredRequests: 1, expiredOffers: 3 });
    expect(await requestRow(request.id)).toMatchObject({ status: 'expired', acceptedCount: 1 });
    const statuses = await statusesOf(request.id);
    expect(statuses.get(accepted!.volunteer.id)).toBe('accepted');
    expect(waiting.map((member) => statuses.get(member.volunteer.id))).toEqual(['expired', 'expired', 'expired']);
    expect((await volunteerRow(handle.db, accepted!.volunteer.id)).availability).toBe('deployed');

    const offerEvents = ctx.published.filter((event) => event.type === ASSIGNMENT_EVENTS.expired);
    expect(offerEvents.map((event) => event.volunteerId).sort()).toEqual(
      waiting.map((member) => member.volunteer.id).sort(),
    );
    for (const event of offerEvents) {
      expect(event).toMatchObject({ provinceCode: '62', regencyCode: '62.71', incidentId: incident.id });
    }
    expect(ctx.published.filter((event) => event.type === REQUEST_EVENTS.expired)).toEqual([
      expect.objectContaining({
        incidentId: incident.id,
        volunteerId: null,
        payload: { requestId: request.id, slots: 3, acceptedCount: 1, expiredOffers: 3 },
      }),
    ]);
    const stored = await handle.db
      .select()
      .from(events)
      .where(
        inArray(
          events.id,
          ctx.published.map((event) => event.id),
        ),
      );
    expect(stored).toHaveLength(ctx.published.length);

    // Run again (another interval, another process): nothing left to do, nothing written.
    const again = testContext(handle);
    expect(await expireOffers({ ctx: again, now: justAfter(deadline) })).toEqual({
      expiredRequests: 0,
      expiredOffers: 0,
    });
    expect(again.published).toEqual([]);
  });

  it('keeps a filled request filled and expires only the offers still waiting on it', async () => {
    const deadline = inHours(1.5);
    const { request, crew } = await openRequest(handle, { slots: 1, offered: 3, deadline });
    await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(crew[0]!.volunteer)),
      input: { assignmentId: crew[0]!.offer.id },
    });
    const ctx = testContext(handle);
    await expireOffers({ ctx, now: justAfter(deadline) });
    expect(await requestRow(request.id)).toMatchObject({ status: 'filled', acceptedCount: 1 });
    expect([...(await statusesOf(request.id)).values()].sort()).toEqual(['accepted', 'expired', 'expired']);
    expect(ctx.published.filter((event) => event.payload.requestId === request.id).map((event) => event.type)).toEqual([
      ASSIGNMENT_EVENTS.expired,
      ASSIGNMENT_EVENTS.expired,
    ]);
  });

  it('lets a place freed after the deadline expire the request instead of reopening it', async () => {
    const deadline = inHours(2);
    const { request, crew } = await openRequest(handle, { slots: 1, offered: 2, deadline });
    const phone = actorContext(handle, actors.volunteer(crew[0]!.volunteer), () => justAfter(deadline));
    await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(crew[0]!.volunteer)),
      input: { assignmentId: crew[0]!.offer.id },
    });
    const answer = await withdrawAssignment({ ctx: phone, input: { assignmentId: crew[0]!.offer.id } });
    expect(answer.request).toMatchObject({ status: 'expired', acceptedCount: 0 });
    expect((await statusesOf(request.id)).get(crew[1]!.volunteer.id)).toBe('expired');
    expect(phone.published.map((event) => event.type)).toEqual([
      ASSIGNMENT_EVENTS.withdrawn,
      'volunteer.availability_changed',
      ASSIGNMENT_EVENTS.expired,
      REQUEST_EVENTS.expired,
    ]);
  });

  it(`expires each offer once when two sweeps run at the same time (${testDriver()})`, async () => {
    const deadline = inHours(3);
    const { request } = await openRequest(handle, { slots: 2, offered: 30, deadline });
    const first = testContext(handle);
    const second = testContext(handle);
    await Promise.all([
      expireOffers({ ctx: first, now: justAfter(deadline) }),
      expireOffers({ ctx: second, now: justAfter(deadline) }),
    ]);
    const announced = [...first.published, ...second.published].filter(
      (event) => event.payload.requestId === request.id,
    );
    expect(announced.filter((event) => event.type === ASSIGNMENT_EVENTS.expired)).toHaveLength(30);
    expect(announced.filter((event) => event.type === REQUEST_EVENTS.expired)).toHaveLength(1);
    expect(await requestRow(request.id)).toMatchObject({ status: 'expired' });
  });
});
