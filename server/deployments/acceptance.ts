import { eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { assignments, deploymentRequests, volunteers, type DeploymentRequest, type NewEventRow } from '../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS, type AssignmentAnswer } from '../../lib/dispatch';
import type { Actor } from '../auth/actor';
import { DomainError, refusalOf } from '../errors';
import { incidentEvent } from '../incidents/access';
import {
  answerOf,
  assignedVolunteers,
  assertMove,
  assignmentEvent,
  lockRequest,
  recordedBy,
  requireAnswerer,
  scopeOf,
  type AssignedOffer,
  type AssignedVolunteer,
} from './access';
import { activeAssignmentsOf, deployedEvent, lockVolunteers, type ActiveDuty } from './duty';
import { holdPlaces, takeSlots } from './slots';

/** One volunteer's accept of an offered place: who taps (the volunteer, or a coordinator for them) and which offer. */
export interface Accepting {
  actor: Actor;
  assignmentId: string;
}

/** What became of one accept: its answer and the events it wrote, or the refusal it met. */
export type Accepted = { answer: AssignmentAnswer; events: NewEventRow[] } | { refused: DomainError };

/**
 * Accepts offered places of one request together, each judged as if it came alone and in its turn: the
 * volunteer answers for themself (or a coordinator in scope for them), the offer is still open, the
 * request open and before its deadline, the volunteer on no other active assignment; then the first of
 * them take the free places and the rest are told it is full. Accepted never exceeds slots (invariant 6):
 * the places are taken under the request's row lock in one statement that checks the count.
 *
 * A full or closed request (as last committed) is refused without waiting for its row; so is an open one
 * whose free places are all held by accepts in flight (see holdPlaces). The rows are read and written a
 * set at a time, in the order every verb locks them (request → assignment → volunteer), so 50 winners of a
 * race cost a few statements, not 50 transactions queueing for the row.
 */
export async function acceptTogether(tx: Transaction, members: Accepting[], now: Date): Promise<Accepted[]> {
  const outcomes: (Accepted | undefined)[] = members.map(() => undefined);
  const refuse = (index: number, error: DomainError) => (outcomes[index] = { refused: error });

  const ids = [...new Set(members.map((member) => member.assignmentId))];
  const committed = await committedRequests(tx, ids);
  members.forEach((member, i) => {
    if (!committed.has(member.assignmentId)) refuse(i, new DomainError('NOT_FOUND', 'Penugasan tidak ditemukan.'));
  });
  const requests = new Map([...committed.values()].map((request) => [request.id, request]));
  if (requests.size > 1) throw new Error('acceptTogether: the accepts name offers of more than one request');
  const [seen] = requests.values();
  if (!seen) return outcomes as Accepted[];

  // The request as last committed: a full or closed one, or one whose free places are all being taken,
  // refuses every accept at once, each for the reason the volunteer would be given (checked in that order).
  const pending = () => members.flatMap((member, i) => (outcomes[i] ? [] : [i]));
  const held = seen.status === 'open' ? await holdPlaces(tx, seen, pending().length) : 0;
  if (held === 0) {
    const offers = await assignedVolunteers(tx, ids, false);
    for (const i of pending()) {
      const { actor, assignmentId } = members[i]!;
      refuse(i, refusalFor(actor, offers.get(assignmentId)!, seen, now) ?? allTaken(seen));
    }
    return outcomes as Accepted[];
  }

  const { request, incident } = await lockRequest(tx, seen.id);
  const locked = await assignedVolunteers(tx, ids, true);
  for (const i of pending()) {
    const refusal = refusalFor(members[i]!.actor, locked.get(members[i]!.assignmentId)!, request, now);
    if (refusal) refuse(i, refusal);
  }

  // A volunteer holds at most one active assignment (the same volunteer twice here takes one place).
  const hopeful = pending();
  const volunteerIds = [...new Set(hopeful.map((i) => locked.get(members[i]!.assignmentId)!.volunteer.id))];
  const availability = await lockVolunteers(tx, volunteerIds);
  const busy = await activeAssignmentsOf(tx, volunteerIds);
  const winners: number[] = [];
  const places = Math.min(held, request.slots - request.acceptedCount);
  // Those left without a place are told how many are certain once this group's places are taken.
  const afterGroup = { ...request, acceptedCount: request.acceptedCount + places };
  for (const i of hopeful) {
    const { volunteer } = locked.get(members[i]!.assignmentId)!;
    const duty = busy.get(volunteer.id);
    if (duty) {
      refuse(i, onDuty(volunteer, duty));
    } else if (winners.length < places) {
      winners.push(i);
      busy.set(volunteer.id, { assignmentId: members[i]!.assignmentId, incidentTitle: incident.title });
    } else {
      refuse(i, allTaken(afterGroup));
    }
  }
  if (winners.length === 0) return outcomes as Accepted[];

  const taken = await takeSlots(tx, request.id, winners.length, now);
  if (!taken) throw new Error('acceptTogether: the locked request refused the places it had free');
  const written = await tx
    .update(assignments)
    .set({ status: 'accepted', respondedAt: now, updatedAt: now })
    .where(
      inArray(
        assignments.id,
        winners.map((i) => members[i]!.assignmentId),
      ),
    )
    .returning();
  const byId = new Map(written.map((assignment) => [assignment.id, assignment]));
  const deployedIds = winners
    .map((i) => locked.get(members[i]!.assignmentId)!.volunteer.id)
    .filter((id) => availability.get(id) !== 'deployed');
  if (deployedIds.length > 0) {
    await tx
      .update(volunteers)
      .set({ availability: 'deployed', availabilityChangedAt: now, updatedAt: now })
      .where(inArray(volunteers.id, deployedIds));
  }

  winners.forEach((i, place) => {
    const row = locked.get(members[i]!.assignmentId)!;
    const acceptedCount = request.acceptedCount + place + 1;
    const after: DeploymentRequest = {
      ...taken,
      acceptedCount,
      status: acceptedCount >= request.slots ? 'filled' : 'open',
    };
    const scope = scopeOf({ volunteer: row.volunteer, incident });
    const events: NewEventRow[] = [
      assignmentEvent(scope, ASSIGNMENT_EVENTS.accepted, {
        requestId: request.id,
        assignmentId: row.assignment.id,
        acceptedCount,
        slots: request.slots,
        ...recordedBy(members[i]!.actor),
      }),
    ];
    const from = availability.get(row.volunteer.id)!;
    if (from !== 'deployed') events.push(deployedEvent(scope, from));
    if (after.status === 'filled') {
      events.push(incidentEvent(incident, REQUEST_EVENTS.filled, { requestId: request.id, slots: request.slots }));
    }
    outcomes[i] = { answer: answerOf(byId.get(row.assignment.id)!, after), events };
  });
  return outcomes as Accepted[];
}

/** The request of each assignment, as last committed (no lock), by assignment id; unknown ids are absent. */
async function committedRequests(tx: Transaction, ids: string[]): Promise<Map<string, DeploymentRequest>> {
  const rows = await tx
    .select({ assignmentId: assignments.id, request: deploymentRequests })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .where(inArray(assignments.id, ids));
  return new Map(rows.map((row) => [row.assignmentId, row.request]));
}

/**
 * Why one accept cannot take its place, in the order a volunteer is told: not theirs to answer, the offer
 * no longer open, the request no longer taking accepts; null when none of these holds.
 */
function refusalFor(actor: Actor, offer: AssignedOffer, request: DeploymentRequest, now: Date): DomainError | null {
  return refusalOf(() => {
    requireAnswerer(actor, offer);
    assertMove(offer.assignment.status, 'accepted');
    assertAcceptable(request, now);
  });
}

function onDuty(volunteer: AssignedVolunteer, duty: Pick<ActiveDuty, 'incidentTitle'>): DomainError {
  return new DomainError(
    'CONFLICT',
    `${volunteer.name} masih bertugas di "${duty.incidentTitle}". Selesaikan atau mundur dari penugasan itu sebelum menerima tawaran lain.`,
  );
}

/** Every free place is held by an accept in flight: one may still fail and free its place. */
export function allTaken(request: DeploymentRequest): DomainError {
  if (request.acceptedCount >= request.slots) return full(request);
  return new DomainError(
    'CONFLICT',
    `Semua tempat yang tersisa sedang diambil relawan lain (${request.acceptedCount} dari ${request.slots} sudah pasti). Tawaran Anda tetap tersimpan; coba terima lagi sebentar lagi bila masih ada tempat kosong sebelum batas waktu.`,
  );
}

function full(request: DeploymentRequest): DomainError {
  return new DomainError(
    'CONFLICT',
    `Permintaan sudah penuh: ${request.acceptedCount} dari ${request.slots} relawan sudah menerima. Tawaran Anda tetap tersimpan dan dapat diterima bila ada tempat kosong sebelum batas waktu.`,
  );
}

/** Why an offered place cannot be taken now, in the words the volunteer needs. */
export function assertAcceptable(request: DeploymentRequest, now: Date): void {
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
