import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { assignments, type DeploymentRequest, type NewEventRow } from '../../db/schema';
import { AcceptOffer, ASSIGNMENT_EVENTS, AssignmentAnswer, REQUEST_EVENTS } from '../../lib/dispatch';
import type { Actor, ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { incidentEvent } from '../incidents/access';
import {
  answerOf,
  assertMove,
  assignmentEvent,
  lockAssignment,
  peekAssignment,
  recordedBy,
  requestOfAssignment,
  requireAnswerer,
  scopeOf,
} from './access';
import { activeAssignmentOf, lockVolunteer, markDeployed } from './duty';
import { runPhoneCommand } from './receipts';
import { holdPlace, takeSlot } from './slots';

/**
 * A volunteer takes an offered place: accepted never exceeds the request's slots, a volunteer holds at
 * most one active assignment, and the volunteer becomes "Bertugas". Retries with the same key answer alike.
 */
export async function acceptOffer({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<AssignmentAnswer> {
  const { idempotencyKey, ...command } = parseInput(AcceptOffer, input);
  const now = ctx.now();

  return runPhoneCommand(
    ctx,
    { name: 'assignment.accept', idempotencyKey, input: command, answer: AssignmentAnswer },
    async (tx) => {
      const assignmentId = command.assignmentId ?? (await ownOfferOn(tx, ctx.actor, command.requestId!));
      // A full (or closed) request refuses at once, without queueing behind the accepts that hold its row;
      // so does an open one whose free places are all being taken by accepts in flight.
      const committed = await requestOfAssignment(tx, assignmentId);
      if (committed && (committed.status !== 'open' || !(await holdPlace(tx, committed)))) {
        const seen = await peekAssignment(tx, assignmentId);
        requireAnswerer(ctx.actor, seen);
        assertMove(seen.assignment.status, 'accepted');
        assertAcceptable(seen.request, now);
        throw allTaken(seen.request);
      }
      const locked = await lockAssignment(tx, assignmentId);
      requireAnswerer(ctx.actor, locked);
      assertMove(locked.assignment.status, 'accepted');
      assertAcceptable(locked.request, now);

      const availability = await lockVolunteer(tx, locked.volunteer.id);
      const busy = await activeAssignmentOf(tx, locked.volunteer.id);
      if (busy) {
        throw new DomainError(
          'CONFLICT',
          `${locked.volunteer.name} masih bertugas di "${busy.incidentTitle}". Selesaikan atau mundur dari penugasan itu sebelum menerima tawaran lain.`,
        );
      }
      const request = await takeSlot(tx, locked.request.id, now);
      // The request row is locked, so the checks above already hold; this is the capacity guard itself.
      if (!request) throw full(locked.request);

      const [assignment] = await tx
        .update(assignments)
        .set({ status: 'accepted', respondedAt: now, updatedAt: now })
        .where(eq(assignments.id, locked.assignment.id))
        .returning();
      const scope = scopeOf(locked);
      const events: NewEventRow[] = [
        assignmentEvent(scope, ASSIGNMENT_EVENTS.accepted, {
          requestId: request.id,
          assignmentId: assignment!.id,
          acceptedCount: request.acceptedCount,
          slots: request.slots,
          ...recordedBy(ctx.actor),
        }),
      ];
      const deployed = await markDeployed(tx, scope, availability, now);
      if (deployed) events.push(deployed);
      if (request.status === 'filled') {
        events.push(
          incidentEvent(locked.incident, REQUEST_EVENTS.filled, { requestId: request.id, slots: request.slots }),
        );
      }
      return { result: answerOf(assignment!, request), events };
    },
  );
}

/** Every free place is held by an accept in flight: one may still fail and free its place. */
function allTaken(request: DeploymentRequest): DomainError {
  if (request.acceptedCount >= request.slots) return full(request);
  return new DomainError(
    'CONFLICT',
    `Semua tempat yang tersisa sedang diambil relawan lain (${request.acceptedCount} dari ${request.slots} sudah pasti). Tawaran Anda tetap tersimpan; coba terima lagi sebentar lagi bila masih ada tempat kosong sebelum batas waktu.`,
  );
}

/** The volunteer's own offer on a request: a phone may accept by the request alone. */
async function ownOfferOn(tx: Transaction, actor: Actor, requestId: string): Promise<string> {
  if (actor.role !== 'volunteer') {
    throw new DomainError('INVALID', 'Sebutkan penugasan yang diterima atas nama relawan.', {
      assignmentId: ['Koordinator menyebut penugasannya (assignmentId), bukan hanya permintaannya.'],
    });
  }
  const [own] = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.requestId, requestId), eq(assignments.volunteerId, actor.volunteerId)))
    .limit(1);
  if (!own) throw new DomainError('NOT_FOUND', 'Tidak ada tawaran untuk Anda pada permintaan ini.');
  return own.id;
}

function full(request: DeploymentRequest): DomainError {
  return new DomainError(
    'CONFLICT',
    `Permintaan sudah penuh: ${request.acceptedCount} dari ${request.slots} relawan sudah menerima. Tawaran Anda tetap tersimpan dan dapat diterima bila ada tempat kosong sebelum batas waktu.`,
  );
}

/** Why an offered place cannot be taken now, in the words the volunteer needs. */
function assertAcceptable(request: DeploymentRequest, now: Date): void {
  switch (request.status) {
    case 'filled':
      throw full(request);
    case 'cancelled':
      throw new DomainError('CONFLICT', 'Permintaan ini sudah dibatalkan koordinator.');
    case 'closed':
      throw new DomainError('CONFLICT', 'Kejadian untuk permintaan ini sudah ditutup.');
    case 'expired':
      throw new DomainError('CONFLICT', 'Batas waktu permintaan ini sudah lewat.');
    case 'open':
      if (request.deadline <= now) throw new DomainError('CONFLICT', 'Batas waktu permintaan ini sudah lewat.');
  }
}
