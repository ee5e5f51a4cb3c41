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
import { committedOffer } from './committed-offers';
import { activeAssignmentOf, lockVolunteer, markDeployed } from './duty';
import { runPhoneCommand, storeRefusal, type PhoneCommand } from './receipts';
import { holdPlace, takeSlot } from './slots';

/**
 * A volunteer takes an offered place: accepted never exceeds the request's slots, a volunteer holds at
 * most one active assignment, and the volunteer becomes "Bertugas". Retries with the same key answer alike.
 */
export async function acceptOffer({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<AssignmentAnswer> {
  const { idempotencyKey, ...command } = parseInput(AcceptOffer, input);
  const now = ctx.now();
  const phoneCommand = { name: 'assignment.accept', idempotencyKey, input: command, answer: AssignmentAnswer };

  // The losers of a race mostly find the request full: they are refused from what was last committed, with
  // no transaction, the refusal kept as their key's answer (a key that already has one reads it below).
  // Accepts of one request that this process already runs take at most its free places (as committed):
  // when 500 arrive at once, the others are refused straight away instead of waiting for a connection and
  // the row. The gate only decides who waits; the transaction below still decides who gets a place.
  const seen = await offerAsCommitted(ctx, command);
  const refusal = seen ? refusalOf(seen, now) : null;
  const admitted = refusal || !seen ? null : await admit(seen.request, seen.volunteerId);
  const refused = refusal ?? (admitted === false && seen ? allTaken(seen.request) : null);
  if (refused && (await storeRefusal(ctx, phoneCommand, refused))) throw refused;

  try {
    return await acceptInTransaction(ctx, phoneCommand, seen?.assignmentId, command, now);
  } finally {
    if (admitted) admitted();
  }
}

async function acceptInTransaction(
  ctx: ActorContext,
  phoneCommand: PhoneCommand<AssignmentAnswer>,
  found: string | undefined,
  command: { assignmentId?: string; requestId?: string },
  now: Date,
): Promise<AssignmentAnswer> {
  return runPhoneCommand(ctx, phoneCommand, async (tx) => {
    // The assignment the committed read already found, else the one the command names or the volunteer's own.
    const assignmentId = found ?? command.assignmentId ?? (await ownOfferOn(tx, ctx.actor, command.requestId!));
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
  });
}

/** A volunteer's own waiting offer and its request, as last committed (no lock), or null. */
async function offerAsCommitted(
  ctx: ActorContext,
  command: { assignmentId?: string; requestId?: string },
): Promise<{ request: DeploymentRequest; volunteerId: string; assignmentId: string } | null> {
  const { actor } = ctx;
  if (actor.role !== 'volunteer') return null;
  const row = await committedOffer(
    ctx.db,
    command.assignmentId
      ? { assignmentId: command.assignmentId }
      : { requestId: command.requestId!, volunteerId: actor.volunteerId },
  );
  return row && row.volunteerId === actor.volunteerId && row.status === 'offered'
    ? { request: row.request, volunteerId: row.volunteerId, assignmentId: row.assignmentId }
    : null;
}

/**
 * The refusal the transaction would give a request as last committed (full, cancelled, closed or past its
 * deadline: the same checks in the same order), or null while it is open.
 */
function refusalOf({ request }: { request: DeploymentRequest }, now: Date): DomainError | null {
  try {
    assertAcceptable(request, now);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** Accepts of one request in this process: how many hold a connection now, and who waits for one. */
interface Admission {
  running: number;
  waiting: (() => void)[];
  /** Volunteers with an accept under way: a retry of theirs goes to its receipt, never to the gate. */
  volunteers: Set<string>;
}
const admissions = new Map<string, Admission>();
/**
 * Accepts of one request queue for its row one after another anyway: a few at a time run their
 * transaction, the others wait here without holding a database connection that everything else needs.
 */
const RUNNING_PER_REQUEST = 4;

/**
 * Lets an accept through while fewer are under way in this process than the request has free places;
 * resolves, once it may run, with its release, or false at once when the free places are all being taken
 * (null for a volunteer whose accept is already under way: its retry is answered by its receipt).
 */
async function admit(request: DeploymentRequest, volunteerId: string): Promise<(() => void) | false | null> {
  const admission = admissions.get(request.id) ?? { running: 0, waiting: [], volunteers: new Set<string>() };
  if (admission.volunteers.has(volunteerId)) return null;
  if (admission.running + admission.waiting.length >= request.slots - request.acceptedCount) return false;
  admissions.set(request.id, admission);
  admission.volunteers.add(volunteerId);
  if (admission.running >= RUNNING_PER_REQUEST) {
    await new Promise<void>((resolve) => admission.waiting.push(resolve));
  } else {
    admission.running += 1;
  }
  return () => {
    admission.volunteers.delete(volunteerId);
    const next = admission.waiting.shift();
    // The one waiting takes over this one's turn.
    if (next) return next();
    admission.running -= 1;
    if (admission.running === 0) admissions.delete(request.id);
  };
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
