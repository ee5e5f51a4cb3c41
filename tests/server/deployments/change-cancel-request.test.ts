import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, deploymentRequests } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../../lib/dispatch';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { cancelRequest } from '../../../server/deployments/cancel-request';
import { changeRequest } from '../../../server/deployments/change-request';
import { reportStatus } from '../../../server/deployments/report-status';
import { AVAILABILITY_CHANGED } from '../../../server/volunteers/set-availability';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  eventCount,
  expectDomainError,
  inHours,
  openRequest,
  volunteerRow,
} from '../../support/dispatch';

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

async function acceptAll(crew: Awaited<ReturnType<typeof openRequest>>['crew']) {
  for (const { volunteer, offer } of crew) {
    await acceptOffer({ ctx: actorContext(handle, actors.volunteer(volunteer)), input: { assignmentId: offer.id } });
  }
}

describe('changeRequest', () => {
  it('raises and lowers the places, never below those taken, filling and reopening the request', async () => {
    const { request, incident, crew, coordinator } = await openRequest(handle, { slots: 3, offered: 4 });
    await acceptAll(crew.slice(0, 2));

    const tooFew = await expectDomainError(
      changeRequest({ ctx: coordinator, input: { requestId: request.id, slots: 1 } }),
      'CONFLICT',
    );
    expect(tooFew.message).toMatch(/^Sudah 2 relawan menerima; jumlah tidak dapat kurang dari 2\./);
    expect(tooFew.details?.slots).toBeDefined();

    const ctx = actorContext(handle, actors.coordinator('62'));
    const lowered = await changeRequest({ ctx, input: { requestId: request.id, slots: 2 } });
    expect(lowered).toMatchObject({ slots: 2, acceptedCount: 2, status: 'filled' });
    const raised = await changeRequest({ ctx, input: { requestId: request.id, slots: 4 } });
    expect(raised).toMatchObject({ slots: 4, acceptedCount: 2, status: 'open' });
    expect(ctx.published.map((event) => [event.type, event.payload.slots])).toEqual([
      [REQUEST_EVENTS.changed, 2],
      [REQUEST_EVENTS.filled, 2],
      [REQUEST_EVENTS.changed, 4],
      [REQUEST_EVENTS.reopened, 4],
    ]);
    expect(ctx.published.every((event) => event.incidentId === incident.id && event.provinceCode === '62')).toBe(true);

    // The waiting offers can be taken again.
    const [, , third] = crew;
    const answer = await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(third!.volunteer)),
      input: { assignmentId: third!.offer.id },
    });
    expect(answer.request).toMatchObject({ acceptedCount: 3, status: 'open' });
  });

  it('only extends the deadline, and writes nothing when nothing changes', async () => {
    const { request, coordinator } = await openRequest(handle, { slots: 2, offered: 1, deadline: inHours(2) });
    const earlier = await expectDomainError(
      changeRequest({ ctx: coordinator, input: { requestId: request.id, deadline: inHours(1).toISOString() } }),
      'INVALID',
    );
    expect(earlier.details?.deadline).toEqual(['Batas waktu hanya dapat diperpanjang, tidak dimajukan.']);
    const later = inHours(5);
    const extended = await changeRequest({
      ctx: coordinator,
      input: { requestId: request.id, deadline: later.toISOString() },
    });
    expect(extended.deadline.getTime()).toBe(later.getTime());
    expect(coordinator.published.at(-1)).toMatchObject({
      type: REQUEST_EVENTS.changed,
      payload: { requestId: request.id, deadline: later.toISOString(), slots: 2 },
    });
    const count = await eventCount(handle.db);
    const same = await changeRequest({ ctx: coordinator, input: { requestId: request.id, slots: 2 } });
    expect(same.updatedAt).toEqual(extended.updatedAt);
    expect(await eventCount(handle.db)).toBe(count);
    await expectDomainError(changeRequest({ ctx: coordinator, input: { requestId: request.id } }), 'INVALID');
  });

  it('is for coordinators of the incident’s scope, on requests still open or filled', async () => {
    const { request } = await openRequest(handle, { regencyCode: '62.71', slots: 2, offered: 1 });
    for (const outsider of [actors.leader('62'), actors.coordinator('63'), actors.coordinator('62', '62.03')]) {
      await expectDomainError(
        changeRequest({ ctx: actorContext(handle, outsider), input: { requestId: request.id, slots: 5 } }),
        'FORBIDDEN',
      );
    }
    const own = actorContext(handle, actors.coordinator('62', '62.71'));
    await cancelRequest({ ctx: own, input: { requestId: request.id } });
    const cancelled = await expectDomainError(
      changeRequest({ ctx: own, input: { requestId: request.id, slots: 5 } }),
      'CONFLICT',
    );
    expect(cancelled.message).toMatch(/^Permintaan ini sudah dibatalkan/);
    await expectDomainError(
      changeRequest({ ctx: own, input: { requestId: crypto.randomUUID(), slots: 5 } }),
      'NOT_FOUND',
    );
  });
});

describe('cancelRequest', () => {
  it('cancels waiting offers and assignments under way, frees their volunteers, keeps completed ones', async () => {
    const { request, incident, crew } = await openRequest(handle, {
      regencyCode: '62.03',
      slots: 3,
      offered: 5,
    });
    const [done, onTheRoad, justAccepted, waiting, declined] = crew;
    await acceptAll([done!, onTheRoad!, justAccepted!]);
    const phoneOf = (member: (typeof crew)[number]) => actorContext(handle, actors.volunteer(member.volunteer));
    for (const [from, status] of [
      ['accepted', 'en_route'],
      ['en_route', 'on_site'],
      ['on_site', 'completed'],
    ] as const) {
      await reportStatus({ ctx: phoneOf(done!), input: { assignmentId: done!.offer.id, from, status } });
    }
    await reportStatus({
      ctx: phoneOf(onTheRoad!),
      input: { assignmentId: onTheRoad!.offer.id, from: 'accepted', status: 'en_route' },
    });
    await handle.db.update(assignments).set({ status: 'declined' }).where(eq(assignments.id, declined!.offer.id));

    const ctx = actorContext(handle, actors.coordinator('62'));
    const result = await cancelRequest({ ctx, input: { requestId: request.id, reason: 'Api sudah padam' } });

    expect(result).toMatchObject({ cancelledOffers: 1, cancelledAssignments: 2 });
    expect(result.request).toMatchObject({ status: 'cancelled', acceptedCount: 1 });
    const statuses = await handle.db
      .select({ id: assignments.id, status: assignments.status })
      .from(assignments)
      .where(eq(assignments.requestId, request.id));
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [done!.offer.id]: 'completed',
      [onTheRoad!.offer.id]: 'cancelled',
      [justAccepted!.offer.id]: 'cancelled',
      [waiting!.offer.id]: 'cancelled',
      [declined!.offer.id]: 'declined',
    });
    for (const member of [done, onTheRoad, justAccepted, waiting]) {
      expect((await volunteerRow(handle.db, member!.volunteer.id)).availability).toBe('available');
    }

    const [announced, ...perVolunteer] = ctx.published;
    expect(announced).toMatchObject({
      type: REQUEST_EVENTS.cancelled,
      incidentId: incident.id,
      regencyCode: incident.regencyCode,
      payload: { requestId: request.id, reason: 'Api sudah padam', cancelledOffers: 1, cancelledAssignments: 2 },
    });
    expect(perVolunteer.filter((event) => event.type === ASSIGNMENT_EVENTS.cancelled)).toHaveLength(3);
    expect(
      perVolunteer
        .filter((event) => event.type === AVAILABILITY_CHANGED)
        .map((e) => e.volunteerId)
        .sort(),
    ).toEqual([onTheRoad!.volunteer.id, justAccepted!.volunteer.id].sort());
    expect(perVolunteer.every((event) => event.regencyCode === '62.03' && event.volunteerId !== null)).toBe(true);
    expect(await requestRow(request.id)).toMatchObject({ status: 'cancelled', acceptedCount: 1 });

    const again = await expectDomainError(cancelRequest({ ctx, input: { requestId: request.id } }), 'CONFLICT');
    expect(again.message).toMatch(/sudah dibatalkan/);
    // The volunteers are free for the next request; their cancelled offer cannot be accepted.
    const late = await expectDomainError(
      acceptOffer({ ctx: phoneOf(waiting!), input: { assignmentId: waiting!.offer.id } }),
      'CONFLICT',
    );
    expect(late.message).toBe('Penugasan ini sudah dibatalkan koordinator.');
  });

  it('is refused to leaders, volunteers and coordinators of elsewhere, writing nothing', async () => {
    const { request, crew } = await openRequest(handle, { regencyCode: '62.71', slots: 1, offered: 1 });
    const before = await eventCount(handle.db);
    for (const outsider of [
      actors.leader('62'),
      actors.volunteer(crew[0]!.volunteer),
      actors.coordinator('32'),
      actors.coordinator('62', '62.11'),
    ]) {
      await expectDomainError(
        cancelRequest({ ctx: actorContext(handle, outsider), input: { requestId: request.id } }),
        'FORBIDDEN',
      );
    }
    await expectDomainError(
      cancelRequest({ ctx: actorContext(handle, actors.admin()), input: { requestId: 'x', reason: 5 } }),
      'INVALID',
    );
    expect(await eventCount(handle.db)).toBe(before);
    expect((await requestRow(request.id)).status).toBe('open');
  });
});
