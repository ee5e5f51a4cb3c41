import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignments, deploymentRequests, incidents, provinces, regencies, volunteers } from '../../db/schema';
import type { AssignmentStatus, TimeZone } from '../../lib/domain';
import { codeFor } from './codes';
import type { OfferFacts } from './texts';

export interface AssignmentFacts extends OfferFacts {
  assignmentId: string;
  requestId: string;
  incidentId: string;
  status: AssignmentStatus;
  volunteer: { id: string; phone: string; retired: boolean; provinceCode: string };
}

/** What a text about one assignment says, with its short code (made on first use). */
export async function assignmentFacts(db: Executor, assignmentId: string): Promise<AssignmentFacts | null> {
  const [row] = await db
    .select({
      assignmentId: assignments.id,
      status: assignments.status,
      requestId: deploymentRequests.id,
      meetingPoint: deploymentRequests.meetingPoint,
      deadline: deploymentRequests.deadline,
      incidentId: incidents.id,
      incidentTitle: incidents.title,
      timeZone: provinces.timeZone,
      volunteerId: volunteers.id,
      phone: volunteers.phone,
      retiredAt: volunteers.retiredAt,
      volunteerProvince: regencies.provinceCode,
    })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .innerJoin(provinces, eq(provinces.code, incidents.provinceCode))
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(eq(assignments.id, assignmentId));
  if (!row) return null;
  return {
    assignmentId: row.assignmentId,
    requestId: row.requestId,
    incidentId: row.incidentId,
    status: row.status,
    code: await codeFor(db, row.volunteerId, row.assignmentId),
    incidentTitle: row.incidentTitle,
    meetingPoint: row.meetingPoint,
    deadline: row.deadline,
    timeZone: row.timeZone as TimeZone,
    volunteer: {
      id: row.volunteerId,
      phone: row.phone,
      retired: row.retiredAt !== null,
      provinceCode: row.volunteerProvince,
    },
  };
}
