import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, commandReceipts, deploymentRequests, events, volunteers } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS, type AssignmentAnswer } from '../../../lib/dispatch';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { declineOffer } from '../../../server/deployments/decline-offer';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { withdrawAssignment } from '../../../server/deployments/withdraw-assignment';
import { DomainError } from '../../../server/errors';
import { AVAILABILITY_CHANGED } from '../../../server/volunteers/set-availability';
import { openTestDatabase, testDriver } from '../../support/database';
import {
  actorContext,
  actors,
  addIncident,
  eventCount,
  expectDomainError,
  inHours,
  openRequest,
} from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

describe(`capacity on ${testDriver()}`, () => {
  it('gives 5 places to exactly 5 of 200 volunteers accepting at once, and refuses the other 195 clearly', async () => {
    const { request, crew } = await openRequest(handle, { regencyCode: '62.02', slots: 5, offered: 200 });
    expect(crew).toHaveLength(200);

    const answers = await Promise.allSettled(
      crew.map(({ volunteer, offer }) =>
        acceptOffer({ ctx: actorContext(handle, actors.volunteer(volunteer)), input: { assignmentId: offer.id } }),
      ),
    );

    const accepted = answers.filter((answer) => answer.status === 'fulfilled');
    const refused = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as unknown] : []));
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(195);
    for (const error of refused) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('CONFLICT');
      expect((error as DomainError).message).toMatch(/^Permintaan sudah penuh: 5 dari 5 relawan sudah menerima\./);
    }

    const [row] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id));
    expect(row).toMatchObject({ acceptedCount: 5, slots: 5, status: 'filled' });
    const byStatus = await handle.db
      .select({ status: assignments.status, n: count() })
      .from(assignments)
      .where(eq(assignments.requestId, request.id))
      .groupBy(assignments.status);
    expect(Object.fromEntries(byStatus.map((entry) => [entry.status, entry.n]))).toEqual({ accepted: 5, offered: 195 });
    const crewIds = crew.map(({ volunteer }) => volunteer.id);
    expect(
      await handle.db.$count(volunteers, and(inArray(volunteers.id, crewIds), eq(volunteers.availability, 'deployed'))),
    ).toBe(5);

    // One event per change: five acceptances, five volunteers Bertugas, the request filled once.
    const logged = await handle.db
      .select({ type: events.type, n: count() })
      .from(events)
      .where(inArray(events.volunteerId, crewIds))
      .groupBy(events.type);
    expect(Object.fromEntries(logged.map((entry) => [entry.type, entry.n]))).toEqual({
      [ASSIGNMENT_EVENTS.offered]: 200,
      [ASSIGNMENT_EVENTS.accepted]: 5,
      [AVAILABILITY_CHANGED]: 5,
    });
    const filled = await handle.db
      .select({ n: count() })
      .from(events)
      .where(and(eq(events.type, REQUEST_EVENTS.filled), eq(events.incidentId, row!.incidentId)));
    expect(filled[0]?.n).toBe(1);
  }, 60_000);

  it('lets one volunteer start only one of two assignments accepted at the same moment', async () => {
    const skillHolder = await openRequest(handle, { slots: 3, offered: 1 });
    const [{ volunteer, offer: first }] = skillHolder.crew as [(typeof skillHolder.crew)[number]];
    const other = await addIncident(handle, volunteer.regencyCode);
    const { request: secondRequest } = await requestDeployment({
      ctx: skillHolder.coordinator,
      input: {
        incidentId: other.id,
        slots: 3,
        pillarCodes: ['tagana'],
        skill: volunteer.skills[0],
        sourceRegencyCodes: [volunteer.regencyCode],
        meetingPoint: 'Lapangan Sanaman Mantikei',
        deadline: inHours(2).toISOString(),
      },
    });
    const [second] = await handle.db.select().from(assignments).where(eq(assignments.requestId, secondRequest.id));

    const phone = actorContext(handle, actors.volunteer(volunteer));
    const answers = await Promise.allSettled([
      acceptOffer({ ctx: phone, input: { assignmentId: first.id } }),
      acceptOffer({ ctx: phone, input: { assignmentId: second!.id } }),
    ]);
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    const [refusal] = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as DomainError] : []));
    expect(refusal?.code).toBe('CONFLICT');
    expect(refusal?.message).toMatch(/masih bertugas di/);
    expect(
      await handle.db.$count(
        assignments,
        and(eq(assignments.volunteerId, volunteer.id), eq(assignments.status, 'accepted')),
      ),
    ).toBe(1);
  });
});

describe(`idempotency on ${testDriver()}`, () => {
  it('answers the same accept sent three times at once with one key identically, and accepts once', async () => {
    const { request, crew } = await openRequest(handle, { slots: 2, offered: 1 });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const phone = actorContext(handle, actors.volunteer(volunteer));
    const input = { assignmentId: offer.id, idempotencyKey: 'tap-1f3a9c' };
    const eventsBefore = await eventCount(handle.db);

    const answers = await Promise.all([1, 2, 3].map(() => acceptOffer({ ctx: phone, input })));

    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({
      assignment: { id: offer.id, status: 'accepted' },
      request: { id: request.id, acceptedCount: 1 },
    });
    const [row] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id));
    expect(row?.acceptedCount).toBe(1);
    // The change was logged and announced once: acceptance and Bertugas.
    expect(await eventCount(handle.db)).toBe(eventsBefore + 2);
    expect(phone.published.map((event) => event.type)).toEqual([ASSIGNMENT_EVENTS.accepted, AVAILABILITY_CHANGED]);
    expect(await handle.db.$count(commandReceipts)).toBeGreaterThanOrEqual(1);

    // A retry much later (the phone was offline) still gets the same answer, and writes nothing.
    const later = await acceptOffer({ ctx: phone, input });
    expect(later).toEqual(answers[0]);
    expect(await eventCount(handle.db)).toBe(eventsBefore + 2);
  });

  it('refuses a key reused for another command or another offer, and keeps keys apart per person', async () => {
    const { crew } = await openRequest(handle, { slots: 3, offered: 3 });
    const [a, b, c] = crew as [(typeof crew)[number], (typeof crew)[number], (typeof crew)[number]];
    const phoneA = actorContext(handle, actors.volunteer(a.volunteer));
    await declineOffer({ ctx: phoneA, input: { assignmentId: a.offer.id, idempotencyKey: 'k-1' } });

    const otherCommand = await expectDomainError(
      acceptOffer({ ctx: phoneA, input: { assignmentId: a.offer.id, idempotencyKey: 'k-1' } }),
      'INVALID',
    );
    expect(otherCommand.message).toBe('Kunci idempotensi ini sudah dipakai untuk perintah lain.');
    expect(otherCommand.details?.idempotencyKey).toBeDefined();
    const otherReason = await expectDomainError(
      declineOffer({ ctx: phoneA, input: { assignmentId: a.offer.id, reason: 'Lain', idempotencyKey: 'k-1' } }),
      'INVALID',
    );
    expect(otherReason.details?.idempotencyKey).toBeDefined();

    // Another person's phone may happen to use the same key.
    const phoneB = actorContext(handle, actors.volunteer(b.volunteer));
    const answerB = await acceptOffer({ ctx: phoneB, input: { assignmentId: b.offer.id, idempotencyKey: 'k-1' } });
    expect(answerB.assignment.status).toBe('accepted');
    // And the same person with a fresh key for a fresh command is fine.
    const phoneC = actorContext(handle, actors.volunteer(c.volunteer));
    const answerC = await acceptOffer({ ctx: phoneC, input: { assignmentId: c.offer.id, idempotencyKey: 'k-2' } });
    const withdrawn = await withdrawAssignment({
      ctx: phoneC,
      input: { assignmentId: c.offer.id, idempotencyKey: 'k-3' },
    });
    expect([answerC.assignment.status, withdrawn.assignment.status]).toEqual(['accepted', 'withdrawn']);
  });

  it('stores nothing for a refused command, so its retry is judged again', async () => {
    const { crew } = await openRequest(handle, { slots: 1, offered: 2 });
    const [first, second] = crew as [(typeof crew)[number], (typeof crew)[number]];
    const phone1 = actorContext(handle, actors.volunteer(first.volunteer));
    const phone2 = actorContext(handle, actors.volunteer(second.volunteer));
    await acceptOffer({ ctx: phone1, input: { assignmentId: first.offer.id } });
    const input = { assignmentId: second.offer.id, idempotencyKey: 'retry-me' };
    await expectDomainError(acceptOffer({ ctx: phone2, input }), 'CONFLICT');

    await withdrawAssignment({ ctx: phone1, input: { assignmentId: first.offer.id } });
    const retried: AssignmentAnswer = await acceptOffer({ ctx: phone2, input });
    expect(retried.assignment.status).toBe('accepted');
    expect(retried.request).toMatchObject({ status: 'filled', acceptedCount: 1 });
  });
});
