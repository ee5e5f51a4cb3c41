import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { deploymentRequests, events } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../../lib/dispatch';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { cancelAssignment } from '../../../server/deployments/cancel-assignment';
import { declineOffer } from '../../../server/deployments/decline-offer';
import { reportStatus } from '../../../server/deployments/report-status';
import { withdrawAssignment } from '../../../server/deployments/withdraw-assignment';
import { availabilityByRegency } from '../../../server/regencies/queries';
import { AVAILABILITY_CHANGED } from '../../../server/volunteers/set-availability';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  assignmentRow,
  eventCount,
  expectDomainError,
  inHours,
  offerElsewhere,
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

async function siagaIn(regencyCode: string): Promise<number> {
  const [regency] = await availabilityByRegency(handle.db, regencyCode.slice(0, 2), [regencyCode]);
  return regency!.available;
}

describe('acceptOffer', () => {
  it('takes a place, makes the volunteer Bertugas on the map, and logs both changes', async () => {
    const { request, incident, crew } = await openRequest(handle, { regencyCode: '62.03', slots: 2, offered: 3 });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const siagaBefore = await siagaIn('62.03');
    const ctx = actorContext(handle, actors.volunteer(volunteer));

    const answer = await acceptOffer({ ctx, input: { assignmentId: offer.id } });

    expect(answer.assignment).toMatchObject({ id: offer.id, status: 'accepted', volunteerId: volunteer.id });
    expect(answer.assignment.respondedAt).toEqual(expect.any(String));
    expect(answer.request).toEqual({ id: request.id, status: 'open', slots: 2, acceptedCount: 1 });
    expect((await volunteerRow(handle.db, volunteer.id)).availability).toBe('deployed');
    expect(await siagaIn('62.03')).toBe(siagaBefore - 1);

    const scope = { provinceCode: '62', regencyCode: '62.03', volunteerId: volunteer.id, incidentId: incident.id };
    expect(ctx.published).toEqual([
      expect.objectContaining({
        ...scope,
        type: ASSIGNMENT_EVENTS.accepted,
        payload: { requestId: request.id, assignmentId: offer.id, acceptedCount: 1, slots: 2 },
      }),
      expect.objectContaining({
        ...scope,
        type: AVAILABILITY_CHANGED,
        payload: { from: 'available', to: 'deployed', label: 'Bertugas' },
      }),
    ]);
  });

  it('fills the request with its last place, then refuses the other offers until a place frees up', async () => {
    const { request, incident, crew, coordinator } = await openRequest(handle, { slots: 2, offered: 4 });
    const phones = crew.map(({ volunteer }) => actorContext(handle, actors.volunteer(volunteer)));
    await acceptOffer({ ctx: phones[0]!, input: { assignmentId: crew[0]!.offer.id } });
    const filling = await acceptOffer({ ctx: phones[1]!, input: { assignmentId: crew[1]!.offer.id } });
    expect(filling.request).toMatchObject({ status: 'filled', acceptedCount: 2 });
    expect(phones[1]!.published.at(-1)).toMatchObject({
      type: REQUEST_EVENTS.filled,
      provinceCode: '62',
      regencyCode: incident.regencyCode,
      incidentId: incident.id,
      volunteerId: null,
      payload: { requestId: request.id, slots: 2 },
    });

    const before = await eventCount(handle.db);
    const full = await expectDomainError(
      acceptOffer({ ctx: phones[2]!, input: { assignmentId: crew[2]!.offer.id } }),
      'CONFLICT',
    );
    expect(full.message).toMatch(/^Permintaan sudah penuh: 2 dari 2 relawan sudah menerima\./);
    expect((await assignmentRow(handle.db, crew[2]!.offer.id)).status).toBe('offered');
    expect((await volunteerRow(handle.db, crew[2]!.volunteer.id)).availability).toBe('available');
    expect(await eventCount(handle.db)).toBe(before);

    // The first volunteer steps back: the request opens again and a waiting offer can be taken.
    const withdrawn = await withdrawAssignment({
      ctx: phones[0]!,
      input: { assignmentId: crew[0]!.offer.id, reason: 'Anak sakit' },
    });
    expect(withdrawn.request).toMatchObject({ status: 'open', acceptedCount: 1 });
    expect(phones[0]!.published.slice(-3).map((event) => event.type)).toEqual([
      ASSIGNMENT_EVENTS.withdrawn,
      AVAILABILITY_CHANGED,
      REQUEST_EVENTS.reopened,
    ]);
    expect((await volunteerRow(handle.db, crew[0]!.volunteer.id)).availability).toBe('available');
    const taken = await acceptOffer({ ctx: phones[2]!, input: { assignmentId: crew[2]!.offer.id } });
    expect(taken.request).toMatchObject({ status: 'filled', acceptedCount: 2 });

    // A coordinator cancelling an accepted place reopens it the same way.
    const cancelled = await cancelAssignment({
      ctx: coordinator,
      input: { assignmentId: crew[1]!.offer.id, reason: 'Dipindah ke posko lain' },
    });
    expect(cancelled).toMatchObject({
      assignment: { status: 'cancelled' },
      request: { status: 'open', acceptedCount: 1 },
    });
    expect(coordinator.published.slice(-3)).toEqual([
      expect.objectContaining({
        type: ASSIGNMENT_EVENTS.cancelled,
        volunteerId: crew[1]!.volunteer.id,
        payload: expect.objectContaining({ from: 'accepted', reason: 'Dipindah ke posko lain', acceptedCount: 1 }),
      }),
      expect.objectContaining({ type: AVAILABILITY_CHANGED, volunteerId: crew[1]!.volunteer.id }),
      expect.objectContaining({
        type: REQUEST_EVENTS.reopened,
        payload: expect.objectContaining({ acceptedCount: 1 }),
      }),
    ]);
    expect(await requestRow(request.id)).toMatchObject({ status: 'open', acceptedCount: 1 });
  });

  it('refuses a second assignment while the first is under way, naming the incident', async () => {
    const first = await openRequest(handle, { slots: 1, offered: 1 });
    const [{ volunteer, offer }] = first.crew as [(typeof first.crew)[number]];
    const phone = actorContext(handle, actors.volunteer(volunteer));

    // The same person had also been offered a place at another incident.
    const second = await offerElsewhere(handle, first.coordinator, volunteer, {
      meetingPoint: 'Dermaga Rambang',
      hours: 3,
    });
    const elsewhere = second.offer;
    expect(elsewhere.volunteerId).toBe(volunteer.id);
    await acceptOffer({ ctx: phone, input: { assignmentId: offer.id } });

    const busy = await expectDomainError(
      acceptOffer({ ctx: phone, input: { assignmentId: elsewhere.id } }),
      'CONFLICT',
    );
    expect(busy.message).toBe(
      `${volunteer.name} masih bertugas di "${first.incident.title}". Selesaikan atau mundur dari penugasan itu sebelum menerima tawaran lain.`,
    );
    expect(await requestRow(second.request.id)).toMatchObject({ acceptedCount: 0, status: 'open' });

    // Once the first one is over, the other offer can be taken.
    for (const [from, status] of [
      ['accepted', 'en_route'],
      ['en_route', 'on_site'],
      ['on_site', 'completed'],
    ] as const) {
      await reportStatus({ ctx: phone, input: { assignmentId: offer.id, from, status } });
    }
    expect((await volunteerRow(handle.db, volunteer.id)).availability).toBe('available');
    const accepted = await acceptOffer({ ctx: phone, input: { assignmentId: elsewhere.id } });
    expect(accepted.assignment.status).toBe('accepted');
  });

  it('refuses offers past the deadline even before the sweep has run', async () => {
    const { crew } = await openRequest(handle, { slots: 1, offered: 1, deadline: inHours(1) });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const late = actorContext(handle, actors.volunteer(volunteer), () => inHours(2));
    const error = await expectDomainError(acceptOffer({ ctx: late, input: { assignmentId: offer.id } }), 'CONFLICT');
    expect(error.message).toBe('Batas waktu permintaan ini sudah lewat.');
    expect((await assignmentRow(handle.db, offer.id)).status).toBe('offered');
  });
});

describe('declineOffer', () => {
  it('keeps the reason, leaves the places and the availability alone', async () => {
    const { request, crew } = await openRequest(handle, { slots: 1, offered: 2 });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const ctx = actorContext(handle, actors.volunteer(volunteer));
    const answer = await declineOffer({ ctx, input: { assignmentId: offer.id, reason: '  Rumah sendiri terdampak ' } });
    expect(answer.assignment).toMatchObject({ status: 'declined', declineReason: 'Rumah sendiri terdampak' });
    expect(answer.request).toMatchObject({ status: 'open', acceptedCount: 0 });
    expect((await volunteerRow(handle.db, volunteer.id)).availability).toBe('available');
    expect(ctx.published).toEqual([
      expect.objectContaining({
        type: ASSIGNMENT_EVENTS.declined,
        volunteerId: volunteer.id,
        regencyCode: volunteer.regencyCode,
        payload: { requestId: request.id, assignmentId: offer.id, reason: 'Rumah sendiri terdampak' },
      }),
    ]);
  });
});

describe('reportStatus', () => {
  it('records departure, arrival with its place, and completion, and frees the volunteer at the end', async () => {
    const { request, crew } = await openRequest(handle, { slots: 1, offered: 1 });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const ctx = actorContext(handle, actors.volunteer(volunteer));
    await acceptOffer({ ctx, input: { assignmentId: offer.id } });

    const departed = await reportStatus({
      ctx,
      input: { assignmentId: offer.id, from: 'accepted', status: 'en_route' },
    });
    expect(departed.assignment).toMatchObject({ status: 'en_route', departedAt: expect.any(String) });
    const arrived = await reportStatus({
      ctx,
      input: { assignmentId: offer.id, from: 'en_route', status: 'on_site', lat: -2.205, lng: 113.92 },
    });
    expect(arrived.assignment).toMatchObject({ status: 'on_site', arrivedLat: -2.205, arrivedLng: 113.92 });
    expect((await volunteerRow(handle.db, volunteer.id)).availability).toBe('deployed');
    const done = await reportStatus({ ctx, input: { assignmentId: offer.id, from: 'on_site', status: 'completed' } });
    expect(done.assignment).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    // A completed assignment keeps its place: the request stays filled.
    expect(done.request).toMatchObject({ status: 'filled', acceptedCount: 1 });
    expect((await volunteerRow(handle.db, volunteer.id)).availability).toBe('available');

    expect(ctx.published.map((event) => [event.type, event.payload])).toEqual([
      [ASSIGNMENT_EVENTS.accepted, expect.anything()],
      [AVAILABILITY_CHANGED, expect.objectContaining({ to: 'deployed' })],
      [REQUEST_EVENTS.filled, expect.anything()],
      [ASSIGNMENT_EVENTS.en_route, { requestId: request.id, assignmentId: offer.id }],
      [ASSIGNMENT_EVENTS.on_site, { requestId: request.id, assignmentId: offer.id, lat: -2.205, lng: 113.92 }],
      [ASSIGNMENT_EVENTS.completed, { requestId: request.id, assignmentId: offer.id }],
      [AVAILABILITY_CHANGED, { from: 'deployed', to: 'available', label: 'Siaga' }],
    ]);
  });

  it('answers bad input with INVALID and a field to fix, writing nothing', async () => {
    const { crew } = await openRequest(handle, { slots: 1, offered: 1 });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const ctx = actorContext(handle, actors.volunteer(volunteer));
    const before = await eventCount(handle.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ assignmentId: offer.id, status: 'arrived' }, 'status'],
      [{ assignmentId: offer.id, from: 'en_route', status: 'on_site', lat: -2.2 }, 'lat'],
      [{ assignmentId: offer.id, from: 'accepted', status: 'en_route', lat: -2.2, lng: 113.9 }, 'lat'],
      [{ assignmentId: offer.id, from: 'en_route', status: 'on_site', lat: 48.85, lng: 2.35 }, 'lat'],
      [{ assignmentId: 'abc', from: 'accepted', status: 'en_route' }, 'assignmentId'],
      [
        { assignmentId: offer.id, from: 'accepted', status: 'en_route', idempotencyKey: 'k'.repeat(101) },
        'idempotencyKey',
      ],
    ];
    for (const [input, field] of cases) {
      const error = await expectDomainError(reportStatus({ ctx, input }), 'INVALID');
      expect(Object.keys(error.details ?? {}), JSON.stringify(input)).toContain(field);
    }
    await expectDomainError(reportStatus({ ctx, input: null }), 'INVALID');
    await expectDomainError(
      reportStatus({ ctx, input: { assignmentId: crypto.randomUUID(), from: 'accepted', status: 'en_route' } }),
      'NOT_FOUND',
    );
    expect(await eventCount(handle.db)).toBe(before);
  });
});

describe('who may answer', () => {
  it('refuses a volunteer acting on another’s offer, leaders and coordinators of elsewhere', async () => {
    const { crew } = await openRequest(handle, { regencyCode: '62.71', slots: 2, offered: 2 });
    const [mine, theirs] = crew as [(typeof crew)[number], (typeof crew)[number]];
    const before = await eventCount(handle.db);
    const someoneElse = actorContext(handle, actors.volunteer(mine.volunteer));
    const verbs = [
      (ctx: ReturnType<typeof actorContext>) => acceptOffer({ ctx, input: { assignmentId: theirs.offer.id } }),
      (ctx: ReturnType<typeof actorContext>) => declineOffer({ ctx, input: { assignmentId: theirs.offer.id } }),
      (ctx: ReturnType<typeof actorContext>) => withdrawAssignment({ ctx, input: { assignmentId: theirs.offer.id } }),
      (ctx: ReturnType<typeof actorContext>) =>
        reportStatus({ ctx, input: { assignmentId: theirs.offer.id, from: 'accepted', status: 'en_route' } }),
    ];
    for (const verb of verbs) {
      const error = await expectDomainError(verb(someoneElse), 'FORBIDDEN');
      expect(error.message).toBe('Anda hanya dapat mengubah data Anda sendiri.');
      for (const outsider of [actors.leader('62'), actors.coordinator('19'), actors.coordinator('62', '62.03')]) {
        await expectDomainError(verb(actorContext(handle, outsider)), 'FORBIDDEN');
      }
    }
    // Volunteers and leaders do not cancel; a kabupaten coordinator elsewhere neither.
    for (const outsider of [
      actors.volunteer(theirs.volunteer),
      actors.leader('62'),
      actors.coordinator('62', '62.03'),
    ]) {
      await expectDomainError(
        cancelAssignment({ ctx: actorContext(handle, outsider), input: { assignmentId: theirs.offer.id } }),
        'FORBIDDEN',
      );
    }
    expect(await eventCount(handle.db)).toBe(before);
    expect((await assignmentRow(handle.db, theirs.offer.id)).status).toBe('offered');
  });

  it('lets a coordinator in scope record an answer given by phone call', async () => {
    const { crew } = await openRequest(handle, { regencyCode: '62.71', slots: 1, offered: 1 });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const ctx = actorContext(handle, actors.coordinator('62', '62.71'));
    const answer = await acceptOffer({ ctx, input: { assignmentId: offer.id } });
    expect(answer.assignment.status).toBe('accepted');
    const [logged] = await handle.db.select().from(events).where(eq(events.id, ctx.published[0]!.id));
    // The volunteer's feed shows the acceptance; the log keeps who recorded it.
    expect(logged).toMatchObject({
      type: ASSIGNMENT_EVENTS.accepted,
      volunteerId: volunteer.id,
      payload: { assignmentId: offer.id, by: ctx.actor.userId },
    });
  });
});
