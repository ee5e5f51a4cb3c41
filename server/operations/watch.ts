import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import {
  assignments,
  checkInWatches,
  deploymentRequests,
  volunteers,
  type CheckInWatch,
  type DeploymentRequest,
  type NewEventRow,
} from '../../db/schema';
import type { AssignmentStatus, IncidentType } from '../../lib/domain';
import { CHECK_IN_DEFAULT_MINUTES, type CheckInEventType, type CheckInStatus } from '../../lib/operations';
import { assignmentEvent, type AssignmentScope, type LockedAssignment } from '../deployments/access';
import { DomainError } from '../errors';

/** Milliseconds between check-ins for a request: its own setting, else the incident type's default. */
export function checkInIntervalMs(
  request: Pick<DeploymentRequest, 'checkInSeconds'>,
  incidentType: IncidentType,
): number {
  return (request.checkInSeconds ?? CHECK_IN_DEFAULT_MINUTES[incidentType] * 60) * 1000;
}

/** Whether an assignment in this status is watched: on site always, en route when the request asks. */
export function isWatched(status: AssignmentStatus, request: Pick<DeploymentRequest, 'checkInEnRoute'>): boolean {
  return status === 'on_site' || (status === 'en_route' && request.checkInEnRoute);
}

/** The same rule as isWatched, in SQL over assignments joined with their requests. */
export const watchedAssignment: SQL = or(
  eq(assignments.status, 'on_site'),
  and(eq(assignments.status, 'en_route'), eq(deploymentRequests.checkInEnRoute, true)),
)!;

/**
 * An assignment becomes watched (on arrival, or on departure when the request asks): the first
 * check-in is due one interval later. A shared arrival position counts as the last known one.
 */
export async function startWatch(
  tx: Transaction,
  assignmentId: string,
  dueAt: Date,
  now: Date,
  position: { lat: number; lng: number } | null,
): Promise<void> {
  const values = {
    dueAt,
    state: 'ok' as const,
    stateChangedAt: now,
    contactedAt: null,
    contactedNote: null,
    ...(position ? { lastLat: position.lat, lastLng: position.lng, lastPositionAt: now } : {}),
    updatedAt: now,
  };
  await tx
    .insert(checkInWatches)
    .values({ assignmentId, ...values })
    .onConflictDoUpdate({ target: checkInWatches.assignmentId, set: values });
}

/** A check-in event: the assignment's scope, and the volunteer's team so their ketua regu hears it. */
export async function checkInEvent(
  tx: Transaction,
  scope: AssignmentScope,
  type: CheckInEventType,
  payload: { requestId: string; assignmentId: string } & Record<string, unknown>,
): Promise<NewEventRow> {
  const [volunteer] = await tx
    .select({ pillarCode: volunteers.pillarCode })
    .from(volunteers)
    .where(eq(volunteers.id, scope.volunteerId));
  return assignmentEvent(scope, type, { ...payload, pillarCode: volunteer!.pillarCode });
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function checkInStatusOf(watch: CheckInWatch, volunteerId: string): CheckInStatus {
  return {
    assignmentId: watch.assignmentId,
    volunteerId,
    state: watch.state,
    dueAt: watch.dueAt.toISOString(),
    lastCheckInAt: iso(watch.lastCheckInAt),
    lastNote: watch.lastNote,
    contactedAt: iso(watch.contactedAt),
    contactedNote: watch.contactedNote,
    lastPosition:
      watch.lastLat !== null && watch.lastLng !== null && watch.lastPositionAt
        ? { lat: watch.lastLat, lng: watch.lastLng, at: watch.lastPositionAt.toISOString() }
        : null,
  };
}

/** Locks an assignment's watch row (after the request and assignment, in the verbs' lock order). */
export async function lockWatch(tx: Transaction, assignmentId: string): Promise<CheckInWatch | undefined> {
  const [watch] = await tx
    .select()
    .from(checkInWatches)
    .where(eq(checkInWatches.assignmentId, assignmentId))
    .for('no key update');
  return watch;
}

/** The watch of an assignment under way, or a CONFLICT that says it is not watched (anymore). */
export async function requireWatch(tx: Transaction, locked: LockedAssignment): Promise<CheckInWatch> {
  const watch = await lockWatch(tx, locked.assignment.id);
  if (!watch || !isWatched(locked.assignment.status, locked.request)) {
    throw new DomainError(
      'CONFLICT',
      'Penugasan ini tidak sedang dipantau lapor aman (belum tiba atau sudah selesai).',
    );
  }
  return watch;
}

export const graceMs = (request: Pick<DeploymentRequest, 'checkInGraceSeconds'>) => request.checkInGraceSeconds * 1000;
