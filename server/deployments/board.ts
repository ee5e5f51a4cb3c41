import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignments, deploymentRequests, incidents, regencies, volunteers } from '../../db/schema';
import { SLOT_TAKING_STATUSES } from '../../lib/assignment-state';
import type { AssignmentStatus, IncidentType, RequestStatus } from '../../lib/domain';

export interface BoardRequest {
  requestId: string;
  incidentId: string;
  incidentTitle: string;
  incidentType: IncidentType;
  regencyName: string;
  status: RequestStatus;
  slots: number;
  acceptedCount: number;
  deadline: string;
  people: { assignmentId: string; name: string; regencyName: string; status: AssignmentStatus }[];
}

/** The requests still running in a province, with who took a place and where each one is now. */
export async function runningDeployments(db: Executor, provinceCode: string): Promise<BoardRequest[]> {
  const requests = await db
    .select({
      requestId: deploymentRequests.id,
      incidentId: incidents.id,
      incidentTitle: incidents.title,
      incidentType: incidents.type,
      regencyName: regencies.name,
      status: deploymentRequests.status,
      slots: deploymentRequests.slots,
      acceptedCount: deploymentRequests.acceptedCount,
      deadline: deploymentRequests.deadline,
    })
    .from(deploymentRequests)
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .innerJoin(regencies, eq(regencies.code, incidents.regencyCode))
    .where(and(eq(incidents.provinceCode, provinceCode), inArray(deploymentRequests.status, ['open', 'filled'])))
    .orderBy(desc(deploymentRequests.createdAt))
    .limit(50);
  if (requests.length === 0) return [];
  const people = await db
    .select({
      requestId: assignments.requestId,
      assignmentId: assignments.id,
      name: volunteers.name,
      regencyName: regencies.name,
      status: assignments.status,
    })
    .from(assignments)
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(
      and(
        inArray(
          assignments.requestId,
          requests.map((request) => request.requestId),
        ),
        inArray(assignments.status, [...SLOT_TAKING_STATUSES]),
      ),
    )
    .orderBy(asc(assignments.respondedAt));
  return requests.map((request) => ({
    ...request,
    deadline: request.deadline.toISOString(),
    people: people
      .filter((person) => person.requestId === request.requestId)
      .map(({ requestId: _requestId, ...person }) => person),
  }));
}
