import { asc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import {
  assignments,
  deploymentRequests,
  incidents,
  regencies,
  volunteers,
  type Assignment,
  type DeploymentRequest,
  type Incident,
  type NewEventRow,
  type Volunteer,
} from '../../db/schema';
import { checkAssignmentMove } from '../../lib/assignment-state';
import type { ASSIGNMENT_UNDONE, AssignmentAnswer, AssignmentEventType } from '../../lib/dispatch';
import type { CheckInEventType } from '../../lib/operations';
import type { AssignmentStatus } from '../../lib/domain';
import { requireCoordinatorFor, requireSelfOrCoordinator, type Actor } from '../auth/actor';
import { DomainError } from '../errors';

/** The volunteer an assignment belongs to, with the province of their home kabupaten. */
export type AssignedVolunteer = Pick<Volunteer, 'id' | 'name' | 'regencyCode' | 'availability' | 'positionConsent'> & {
  provinceCode: string;
};

export interface LockedAssignment {
  assignment: Assignment;
  request: DeploymentRequest;
  incident: Pick<Incident, 'id' | 'provinceCode' | 'regencyCode' | 'title' | 'phase' | 'type'>;
  volunteer: AssignedVolunteer;
}

async function incidentOf(tx: Transaction, request: DeploymentRequest): Promise<LockedAssignment['incident']> {
  const [incident] = await tx
    .select({
      id: incidents.id,
      provinceCode: incidents.provinceCode,
      regencyCode: incidents.regencyCode,
      title: incidents.title,
      phase: incidents.phase,
      type: incidents.type,
    })
    .from(incidents)
    .where(eq(incidents.id, request.incidentId));
  return incident!;
}

/**
 * Loads an assignment for a change, locking its request and then the assignment itself. Every verb
 * locks in the order request → assignment → volunteer, so concurrent verbs wait instead of deadlocking.
 */
export async function lockAssignment(tx: Transaction, assignmentId: string): Promise<LockedAssignment> {
  const [ref] = await tx
    .select({ requestId: assignments.requestId })
    .from(assignments)
    .where(eq(assignments.id, assignmentId))
    .limit(1);
  if (!ref) throw new DomainError('NOT_FOUND', 'Penugasan tidak ditemukan.');
  const requestQuery = tx.select().from(deploymentRequests).where(eq(deploymentRequests.id, ref.requestId));
  const [request] = await requestQuery.for('no key update');
  const row = (await assignedVolunteers(tx, [assignmentId], true)).get(assignmentId);
  return {
    assignment: row!.assignment,
    volunteer: row!.volunteer,
    request: request!,
    incident: await incidentOf(tx, request!),
  };
}

/** An assignment with its volunteer: the rows a verb on it reads. */
export type AssignedOffer = Pick<LockedAssignment, 'assignment' | 'volunteer'>;

/**
 * Assignments by id with their volunteers, locked (FOR NO KEY UPDATE, in id order; the caller holds their
 * request's lock) or as last committed.
 */
export async function assignedVolunteers(
  tx: Transaction,
  ids: string[],
  lock: boolean,
): Promise<Map<string, AssignedOffer>> {
  const query = tx
    .select({
      assignment: assignments,
      volunteer: {
        id: volunteers.id,
        name: volunteers.name,
        regencyCode: volunteers.regencyCode,
        availability: volunteers.availability,
        positionConsent: volunteers.positionConsent,
        provinceCode: regencies.provinceCode,
      },
    })
    .from(assignments)
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(inArray(assignments.id, ids))
    .orderBy(asc(assignments.id));
  const rows = lock ? await query.for('no key update', { of: assignments }) : await query;
  return new Map(rows.map((row) => [row.assignment.id, row]));
}

/** A request and its incident, the request locked for the rest of the transaction. */
export async function lockRequest(
  tx: Transaction,
  requestId: string,
): Promise<Pick<LockedAssignment, 'request' | 'incident'>> {
  const [request] = await tx
    .select()
    .from(deploymentRequests)
    .where(eq(deploymentRequests.id, requestId))
    .for('no key update');
  if (!request) throw new DomainError('NOT_FOUND', 'Permintaan penugasan tidak ditemukan.');
  return { request, incident: await incidentOf(tx, request) };
}

/** The volunteer answers for themself; a coordinator in the volunteer's scope may record an answer given by phone or radio. */
export function requireAnswerer(actor: Actor, { volunteer }: Pick<LockedAssignment, 'volunteer'>): void {
  requireSelfOrCoordinator(actor, volunteer);
}

/** For the audit trail: who recorded an answer that a coordinator gave on a volunteer's behalf. */
export function recordedBy(actor: Actor): { by?: string } {
  return actor.role === 'volunteer' ? {} : { by: actor.userId };
}

/** Only coordinators in the incident's scope call an assignment off. */
export function requireDispatcher(actor: Actor, { incident }: LockedAssignment): void {
  requireCoordinatorFor(actor, incident);
}

/** Refuses an illegal move with the state machine's reason. */
export function assertMove(from: AssignmentStatus, to: AssignmentStatus): void {
  const move = checkAssignmentMove(from, to);
  if (!move.ok) throw new DomainError('CONFLICT', move.reason);
}

/** Where an assignment's events go: the volunteer's own feed, their kabupaten, and the incident. */
export interface AssignmentScope {
  volunteerId: string;
  provinceCode: string;
  regencyCode: string;
  incidentId: string;
}

export const scopeOf = ({
  volunteer,
  incident,
}: Pick<LockedAssignment, 'volunteer' | 'incident'>): AssignmentScope => ({
  volunteerId: volunteer.id,
  provinceCode: volunteer.provinceCode,
  regencyCode: volunteer.regencyCode,
  incidentId: incident.id,
});

export function assignmentEvent(
  scope: AssignmentScope,
  type: AssignmentEventType | typeof ASSIGNMENT_UNDONE | CheckInEventType,
  payload: { requestId: string; assignmentId: string } & Record<string, unknown>,
): NewEventRow {
  return { type, ...scope, payload };
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** A phone's answer: plain JSON, identical whether it comes from the write or from a stored receipt. */
export function answerOf(assignment: Assignment, request: DeploymentRequest): AssignmentAnswer {
  return {
    assignment: {
      id: assignment.id,
      requestId: assignment.requestId,
      volunteerId: assignment.volunteerId,
      status: assignment.status,
      declineReason: assignment.declineReason,
      offeredAt: assignment.offeredAt.toISOString(),
      respondedAt: iso(assignment.respondedAt),
      departedAt: iso(assignment.departedAt),
      arrivedAt: iso(assignment.arrivedAt),
      arrivedLat: assignment.arrivedLat,
      arrivedLng: assignment.arrivedLng,
      completedAt: iso(assignment.completedAt),
      relievedAt: iso(assignment.relievedAt),
      returnedAt: iso(assignment.returnedAt),
      restEndsAt: iso(assignment.restEndsAt),
    },
    request: {
      id: request.id,
      status: request.status,
      slots: request.slots,
      acceptedCount: request.acceptedCount,
    },
  };
}

const MAX_DEADLINE_MS = 30 * 24 * 3_600_000;

/** A deadline ahead of now, and not absurdly far: an INVALID naming the field otherwise. */
export function assertDeadline(deadline: Date, now: Date): void {
  const message =
    deadline <= now
      ? 'Batas waktu harus di masa depan.'
      : deadline.getTime() - now.getTime() > MAX_DEADLINE_MS
        ? 'Batas waktu paling lama 30 hari dari sekarang.'
        : null;
  if (message) throw new DomainError('INVALID', message, { deadline: [message] });
}
