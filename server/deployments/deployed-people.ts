import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignments, deploymentRequests, incidents, regencies, volunteers } from '../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../../lib/assignment-state';
import type { AssignmentStatus } from '../../lib/domain';
import { DomainError } from '../errors';

/** One person on an assignment, with what scopes the events written about them. */
export interface DeployedPerson {
  volunteerId: string;
  name: string;
  provinceCode: string;
  regencyCode: string;
  assignmentId: string;
  requestId: string;
  incidentId: string;
}

/** Who is on which assignment, by a filter on the assignments; one row per volunteer. */
async function peopleOn(db: Executor, where: SQL | undefined, statuses: readonly AssignmentStatus[]) {
  const rows = await db
    .select({
      volunteerId: volunteers.id,
      name: volunteers.name,
      provinceCode: regencies.provinceCode,
      regencyCode: volunteers.regencyCode,
      assignmentId: assignments.id,
      requestId: assignments.requestId,
      incidentId: deploymentRequests.incidentId,
    })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(and(where, inArray(assignments.status, [...statuses]), isNull(volunteers.retiredAt)))
    .orderBy(volunteers.name, volunteers.id);
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.volunteerId) && seen.add(row.volunteerId));
}

/** A request's team: everyone who accepted and is not done (accepted, on the way, on site). */
export const teamOfRequest = (db: Executor, requestId: string): Promise<DeployedPerson[]> =>
  peopleOn(db, eq(assignments.requestId, requestId), ACTIVE_ASSIGNMENT_STATUSES);

/** Those whose offer for a request is still unanswered. */
export const pendingOfRequest = (db: Executor, requestId: string): Promise<DeployedPerson[]> =>
  peopleOn(db, eq(assignments.requestId, requestId), ['offered']);

/** Everyone deployed on any of an incident's requests. */
export const deployedOnIncident = (db: Executor, incidentId: string): Promise<DeployedPerson[]> =>
  peopleOn(db, eq(deploymentRequests.incidentId, incidentId), ACTIVE_ASSIGNMENT_STATUSES);

/** Everyone from a kabupaten/kota who is deployed now, wherever. */
export const deployedFromRegency = (db: Executor, regencyCode: string): Promise<DeployedPerson[]> =>
  peopleOn(db, eq(volunteers.regencyCode, regencyCode), ACTIVE_ASSIGNMENT_STATUSES);

/** A request and the incident it serves. */
export async function findRequestWithIncident(db: Executor, requestId: string) {
  const [row] = await db
    .select({ request: deploymentRequests, incident: incidents })
    .from(deploymentRequests)
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(eq(deploymentRequests.id, requestId))
    .limit(1);
  if (!row) throw new DomainError('NOT_FOUND', 'Permintaan penugasan tidak ditemukan.');
  return row;
}
