import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { assignments, deploymentRequests, incidents, volunteers, type NewEventRow } from '../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../../lib/assignment-state';
import { AVAILABILITY_LABELS, type Availability } from '../../lib/domain';
import { AVAILABILITY_CHANGED } from '../volunteers/set-availability';
import type { AssignmentScope } from './access';

/** Locks the volunteer's row (after the request and assignment rows) and reads the availability it holds. */
export async function lockVolunteer(tx: Transaction, volunteerId: string): Promise<Availability> {
  return (await lockVolunteers(tx, [volunteerId])).get(volunteerId)!;
}

/** The same for several volunteers at once, locked in id order. */
export async function lockVolunteers(tx: Transaction, volunteerIds: string[]): Promise<Map<string, Availability>> {
  if (volunteerIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: volunteers.id, availability: volunteers.availability })
    .from(volunteers)
    .where(inArray(volunteers.id, volunteerIds))
    .orderBy(asc(volunteers.id))
    .for('no key update');
  return new Map(rows.map((row) => [row.id, row.availability]));
}

export interface ActiveDuty {
  assignmentId: string;
  incidentTitle: string;
}

/** The assignment that keeps a volunteer busy, if any, with its incident's title. */
export async function activeAssignmentOf(tx: Transaction, volunteerId: string): Promise<ActiveDuty | undefined> {
  return (await activeAssignmentsOf(tx, [volunteerId])).get(volunteerId);
}

/** The same for several volunteers at once, by volunteer. */
export async function activeAssignmentsOf(tx: Transaction, volunteerIds: string[]): Promise<Map<string, ActiveDuty>> {
  if (volunteerIds.length === 0) return new Map();
  const rows = await tx
    .select({ volunteerId: assignments.volunteerId, assignmentId: assignments.id, incidentTitle: incidents.title })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(
      and(inArray(assignments.volunteerId, volunteerIds), inArray(assignments.status, ACTIVE_ASSIGNMENT_STATUSES)),
    );
  const busy = new Map<string, ActiveDuty>();
  for (const { volunteerId, ...duty } of rows) if (!busy.has(volunteerId)) busy.set(volunteerId, duty);
  return busy;
}

/** The same event the availability verb writes, so the live map counts a deployment alike. */
function availabilityEvent(scope: AssignmentScope, from: Availability, to: Availability): NewEventRow {
  return { type: AVAILABILITY_CHANGED, ...scope, payload: { from, to, label: AVAILABILITY_LABELS[to] } };
}

async function setAvailability(
  tx: Transaction,
  scope: AssignmentScope,
  from: Availability,
  to: Availability,
  now: Date,
): Promise<NewEventRow> {
  await tx
    .update(volunteers)
    .set({ availability: to, availabilityChangedAt: now, updatedAt: now })
    .where(eq(volunteers.id, scope.volunteerId));
  return availabilityEvent(scope, from, to);
}

/** The event of a volunteer made "Bertugas" by an accepted assignment. */
export function deployedEvent(scope: AssignmentScope, from: Availability): NewEventRow {
  return availabilityEvent(scope, from, 'deployed');
}

/** An accepted assignment makes the volunteer "Bertugas". The caller holds the volunteer's lock. */
export async function markDeployed(
  tx: Transaction,
  scope: AssignmentScope,
  current: Availability,
  now: Date,
): Promise<NewEventRow | null> {
  if (current === 'deployed') return null;
  return setAvailability(tx, scope, current, 'deployed', now);
}

/**
 * After an assignment ends (withdrawn, cancelled, completed) the volunteer is "Siaga" again, unless
 * another active assignment still holds them. Call after the assignment's own status is written.
 */
export async function releaseVolunteer(
  tx: Transaction,
  scope: AssignmentScope,
  now: Date,
): Promise<NewEventRow | null> {
  const current = await lockVolunteer(tx, scope.volunteerId);
  if (current !== 'deployed') return null;
  if (await activeAssignmentOf(tx, scope.volunteerId)) return null;
  return setAvailability(tx, scope, current, 'available', now);
}

/**
 * Back home after relief: "Bertugas" becomes "Tidak siaga" while the volunteer rests, until they choose
 * "Siaga" or the rest sweep makes them so. The caller holds the volunteer's lock.
 */
export async function restVolunteer(
  tx: Transaction,
  scope: AssignmentScope,
  current: Availability,
  now: Date,
): Promise<NewEventRow | null> {
  if (current !== 'deployed') return null;
  if (await activeAssignmentOf(tx, scope.volunteerId)) return null;
  return setAvailability(tx, scope, current, 'unavailable', now);
}
