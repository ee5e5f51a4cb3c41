import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, commandReceipts, deploymentRequests, events, volunteers } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS, type AssignmentAnswer } from '../../../lib/dispatch';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { declineOffer } from '../../../server/deployments/decline-offer';
import { runPhoneCommand } from '../../../server/deployments/receipts';
import { holdPlaces } from '../../../server/deployments/slots';
import { withdrawAssignment } from '../../../server/deployments/withdraw-assignment';
import { DomainError } from '../../../server/errors';
import { AVAILABILITY_CHANGED } from '../../../server/volunteers/set-availability';
import { openTestDatabase, testDriver } from '../../support/database';
import {
  actorContext,
  actors,
  assignmentRow,
  eventCount,
  expectDomainError,
  offerElsewhere,
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
    // Each loser is told the request is full, or, arriving while the last places were being taken, that
    // they are (with how many are certain, never more than five).
    for (const error of refused) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('CONFLICT');
      expect((error as DomainError).message).toMatch(
        /^(Permintaan sudah penuh: 5 dari 5 relawan sudah menerima\.|Semua tempat yang tersisa sedang diambil relawan lain \([0-4] dari 5 sudah pasti\)\.)/,
      );
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
      [ASSIGNMENT_EVENTS.accepted]: 5,
      [AVAILABILITY_CHANGED]: 5,
    });
    // The 200 offers were one event for the wave (the assignment rows say who).
    const waves = await handle.db
      .select({ payload: events.payload })
      .from(events)
      .where(and(eq(events.type, ASSIGNMENT_EVENTS.offered), sql`${events.payload}->>'requestId' = ${request.id}`));
    expect(waves.map((wave) => wave.payload.offered)).toEqual([200]);
    const filled = await handle.db
      .select({ n: count() })
      .from(events)
      .where(and(eq(events.type, REQUEST_EVENTS.filled), eq(events.incidentId, row!.incidentId)));
    expect(filled[0]?.n).toBe(1);
  }, 60_000);

  it('refuses at once while every free place is being taken by an accept in flight, and takes it once that one fails', async () => {
    const { request, crew } = await openRequest(handle, { slots: 1, offered: 2 });
    const [inFlight, other] = crew as [(typeof crew)[number], (typeof crew)[number]];
    const phone = actorContext(handle, actors.volunteer(other.volunteer));
    if (testDriver() === 'postgres') {
      // An accept in flight: it holds the only free place and the request's row, then fails (rolls back).
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let held!: () => void;
      const heldNow = new Promise<void>((resolve) => (held = resolve));
      const holding = handle.db
        .transaction(async (tx) => {
          expect(await holdPlaces(tx, request, 1)).toBe(1);
          await tx.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id)).for('no key update');
          held();
          await released;
          throw new Error('the volunteer turned out to be busy');
        })
        .catch(() => undefined);
      await heldNow;
      const outcome = await Promise.race([
        acceptOffer({
          ctx: phone,
          input: { assignmentId: other.offer.id, idempotencyKey: `taken-${other.offer.id}` },
        }).then(
          () => 'accepted',
          (error: unknown) => error,
        ),
        new Promise((resolve) => setTimeout(() => resolve('still waiting behind the lock'), 10_000)),
      ]);
      release();
      await holding;
      expect(outcome).toBeInstanceOf(DomainError);
      expect((outcome as DomainError).code).toBe('CONFLICT');
      expect((outcome as DomainError).message).toMatch(
        /^Semua tempat yang tersisa sedang diambil relawan lain \(0 dari 1/,
      );
      expect((await assignmentRow(handle.db, other.offer.id)).status).toBe('offered');
    }
    // The place came free: a new tap takes it, and the one in flight finds the request full.
    const taken = await acceptOffer({
      ctx: phone,
      input: { assignmentId: other.offer.id, idempotencyKey: `again-${other.offer.id}` },
    });
    expect(taken.request).toMatchObject({ acceptedCount: 1, status: 'filled' });
    const late = await expectDomainError(
      acceptOffer({
        ctx: actorContext(handle, actors.volunteer(inFlight.volunteer)),
        input: { assignmentId: inFlight.offer.id },
      }),
      'CONFLICT',
    );
    expect(late.message).toMatch(/^Permintaan sudah penuh: 1 dari 1/);
  });

  it('refuses an accept of a full request at once, not behind a verb holding its row; the same key alike', async () => {
    const { request, crew } = await openRequest(handle, { slots: 1, offered: 3 });
    const [first, late] = crew as [(typeof crew)[number], (typeof crew)[number]];
    await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(first.volunteer)),
      input: { assignmentId: first.offer.id },
    });

    // On PostgreSQL another transaction holds the request's row meanwhile (a coordinator changing it, a
    // sweep): the refusal must not wait for it. PGlite runs one transaction at a time, so there it only refuses.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding: Promise<unknown> = Promise.resolve();
    if (testDriver() === 'postgres') {
      let held!: () => void;
      const heldNow = new Promise<void>((resolve) => (held = resolve));
      holding = handle.db.transaction(async (tx) => {
        await tx.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id)).for('no key update');
        held();
        await released;
      });
      await heldNow;
    }
    const phone = actorContext(handle, actors.volunteer(late.volunteer));
    const input = { assignmentId: late.offer.id, idempotencyKey: `full-${late.offer.id}` };
    const outcome = await Promise.race([
      acceptOffer({ ctx: phone, input }).then(
        () => 'accepted',
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting behind the lock'), 10_000)),
    ]);
    release();
    await holding;
    expect(outcome).toBeInstanceOf(DomainError);
    expect((outcome as DomainError).code).toBe('CONFLICT');
    expect((outcome as DomainError).message).toMatch(/^Permintaan sudah penuh: 1 dari 1 relawan sudah menerima\./);
    // The same key gets the same answer; the offer stays open for a place that may free up.
    const again = await expectDomainError(acceptOffer({ ctx: phone, input }), 'CONFLICT');
    expect(again.message).toBe((outcome as DomainError).message);
    expect((await assignmentRow(handle.db, late.offer.id)).status).toBe('offered');
    // Someone else's offer is still theirs: a stranger is refused for who they are, not told it is full.
    await expectDomainError(
      acceptOffer({
        ctx: actorContext(handle, actors.volunteer(first.volunteer)),
        input: { assignmentId: late.offer.id },
      }),
      'FORBIDDEN',
    );
  });

  it('takes the places of accepts that arrive together in one transaction, a refusal among them staying its own', async () => {
    const { request, crew, coordinator } = await openRequest(handle, { slots: 4, offered: 4 });
    // One of the four is already on duty elsewhere: inside the group, only that accept is refused.
    const busy = crew[3]!.volunteer;
    const { offer: busyOffer } = await offerElsewhere(handle, coordinator, busy, {
      meetingPoint: 'Posko Kecamatan Kahayan Hilir',
    });
    await acceptOffer({ ctx: actorContext(handle, actors.volunteer(busy)), input: { assignmentId: busyOffer.id } });

    const phones = crew.map(({ volunteer, offer }) => ({
      actor: actors.volunteer(volunteer),
      input: { requestId: request.id, idempotencyKey: `together-${offer.id}` },
    }));
    const answers = await Promise.allSettled(
      phones.map(({ actor, input }) => acceptOffer({ ctx: actorContext(handle, actor), input })),
    );
    expect(answers.slice(0, 3).map((answer) => answer.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const refusal = answers[3]!.status === 'rejected' ? (answers[3]!.reason as DomainError) : null;
    expect(refusal?.message).toMatch(/masih bertugas di/);

    // One transaction: the three acceptances carry its one timestamp, each naming its own volunteer's account.
    const accepted = await handle.db
      .select({ actorId: events.actorId, createdAt: events.createdAt, payload: events.payload })
      .from(events)
      .where(and(eq(events.type, ASSIGNMENT_EVENTS.accepted), sql`${events.payload}->>'requestId' = ${request.id}`))
      .orderBy(events.id);
    expect(accepted.map((event) => event.actorId)).toEqual(phones.slice(0, 3).map(({ actor }) => actor.userId));
    expect(new Set(accepted.map((event) => event.createdAt.getTime())).size).toBe(1);
    expect(accepted.map((event) => event.payload.acceptedCount)).toEqual([1, 2, 3]);
    const [row] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id));
    expect(row).toMatchObject({ acceptedCount: 3, status: 'open' });

    // Each key keeps its own answer: the refused phone is refused alike, an accepted one gets its acceptance.
    const [busyPhone, firstPhone] = [phones[3]!, phones[0]!];
    const again = await expectDomainError(
      acceptOffer({ ctx: actorContext(handle, busyPhone.actor), input: busyPhone.input }),
      'CONFLICT',
    );
    expect(again.message).toBe(refusal!.message);
    const repeated = await acceptOffer({ ctx: actorContext(handle, firstPhone.actor), input: firstPhone.input });
    expect(repeated).toEqual((answers[0] as PromiseFulfilledResult<AssignmentAnswer>).value);
  });

  it('lets one volunteer start only one of two assignments accepted at the same moment', async () => {
    const skillHolder = await openRequest(handle, { slots: 3, offered: 1 });
    const [{ volunteer, offer: first }] = skillHolder.crew as [(typeof skillHolder.crew)[number]];
    const { offer: second } = await offerElsewhere(handle, skillHolder.coordinator, volunteer, {
      slots: 3,
      meetingPoint: 'Lapangan Sanaman Mantikei',
    });

    const phone = actorContext(handle, actors.volunteer(volunteer));
    const answers = await Promise.allSettled([
      acceptOffer({ ctx: phone, input: { assignmentId: first.id } }),
      acceptOffer({ ctx: phone, input: { assignmentId: second.id } }),
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

  it('answers a refused accept sent three times at once with one key alike, keeping one receipt; the key reused at that moment for another input is refused as reused', async () => {
    const { request, crew } = await openRequest(handle, { slots: 1, offered: 2 });
    const [first, late] = crew as [(typeof crew)[number], (typeof crew)[number]];
    await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(first.volunteer)),
      input: { assignmentId: first.offer.id },
    });
    const phone = actorContext(handle, actors.volunteer(late.volunteer));
    const key = `full-thrice-${late.offer.id}`;
    const receiptsBefore = await handle.db.$count(commandReceipts);

    // Decided in the same turn, the four refusals are kept by one statement: the key once, the first input's.
    const answers = await Promise.allSettled([
      ...[1, 2, 3].map(() => acceptOffer({ ctx: phone, input: { assignmentId: late.offer.id, idempotencyKey: key } })),
      acceptOffer({ ctx: phone, input: { requestId: request.id, idempotencyKey: key } }),
    ]);
    const errors = answers.map((answer) => (answer.status === 'rejected' ? (answer.reason as DomainError) : null));
    for (const error of errors.slice(0, 3)) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error!.code).toBe('CONFLICT');
      expect(error!.message).toMatch(/^Permintaan sudah penuh: 1 dari 1 relawan sudah menerima\./);
    }
    expect(errors[3]?.code).toBe('INVALID');
    expect(errors[3]?.message).toBe('Kunci idempotensi ini sudah dipakai untuk perintah lain.');
    expect(await handle.db.$count(commandReceipts)).toBe(receiptsBefore + 1);
    expect((await assignmentRow(handle.db, late.offer.id)).status).toBe('offered');
    // Later, the same key and input read the kept refusal.
    const again = await expectDomainError(
      acceptOffer({ ctx: phone, input: { assignmentId: late.offer.id, idempotencyKey: key } }),
      'CONFLICT',
    );
    expect(again.message).toBe(errors[0]!.message);
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

  it('keeps a refusal as the answer for its key after the place frees up; a new tap with a new key is judged anew', async () => {
    const { request, crew } = await openRequest(handle, { slots: 1, offered: 2 });
    const [first, second] = crew as [(typeof crew)[number], (typeof crew)[number]];
    const phone1 = actorContext(handle, actors.volunteer(first.volunteer));
    const phone2 = actorContext(handle, actors.volunteer(second.volunteer));
    await acceptOffer({ ctx: phone1, input: { assignmentId: first.offer.id } });
    const input = { assignmentId: second.offer.id, idempotencyKey: 'tap-refused' };
    const refused = await expectDomainError(acceptOffer({ ctx: phone2, input }), 'CONFLICT');
    expect(refused.message).toMatch(/^Permintaan sudah penuh: 1 dari 1 relawan sudah menerima\./);

    await withdrawAssignment({ ctx: phone1, input: { assignmentId: first.offer.id } });
    const eventsBefore = await eventCount(handle.db);
    // The phone showed "Tidak diterima"; its outbox resending the same tap gets the same answer and
    // cannot take the place behind the volunteer's back.
    const again = await expectDomainError(acceptOffer({ ctx: phone2, input }), 'CONFLICT');
    expect(again.message).toBe(refused.message);
    expect(await eventCount(handle.db)).toBe(eventsBefore);
    const [open] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id));
    expect(open).toMatchObject({ status: 'open', acceptedCount: 0 });
    expect((await assignmentRow(handle.db, second.offer.id)).status).toBe('offered');

    const fresh: AssignmentAnswer = await acceptOffer({
      ctx: phone2,
      input: { assignmentId: second.offer.id, idempotencyKey: 'tap-again' },
    });
    expect(fresh.assignment.status).toBe('accepted');
    expect(fresh.request).toMatchObject({ status: 'filled', acceptedCount: 1 });
  });

  it('keeps the refusal of a command whose writes the refusal undid, and lets a failure that was no answer be retried', async () => {
    const { crew } = await openRequest(handle, { slots: 1, offered: 1 });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const phone = actorContext(handle, actors.volunteer(volunteer));
    const command = {
      name: 'assignment.accept',
      idempotencyKey: 'tap-flaky',
      input: {},
      answer: z.object({ n: z.number() }),
    };
    let attempts = 0;
    // The first attempt fails as a lost connection would: nothing is kept, and the same key runs again.
    const flaky = () =>
      runPhoneCommand(phone, command, async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('Connection terminated unexpectedly');
        return { result: { n: attempts }, events: [] };
      });
    await expect(flaky()).rejects.toThrow('Connection terminated unexpectedly');
    expect(await flaky()).toEqual({ n: 2 });
    expect(await flaky()).toEqual({ n: 2 });
    expect(attempts).toBe(2);

    // A refusal after a write: the write is undone, the refusal stays the key's answer.
    const refusing = { ...command, idempotencyKey: 'tap-undone' };
    const refuse = () =>
      runPhoneCommand(phone, refusing, async (tx) => {
        await tx.update(assignments).set({ status: 'declined' }).where(eq(assignments.id, offer.id));
        throw new DomainError('CONFLICT', 'Ditolak setelah menulis.');
      });
    await expectDomainError(refuse(), 'CONFLICT');
    expect((await assignmentRow(handle.db, offer.id)).status).toBe('offered');
    const stored = await expectDomainError(
      runPhoneCommand(phone, refusing, () => Promise.reject(new Error('must not run again'))),
      'CONFLICT',
    );
    expect(stored.message).toBe('Ditolak setelah menulis.');
  });
});
