import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignments, deploymentRequests, type Incident, type NewEventRow } from '../../db/schema';
import type { SituationEventType } from '../../lib/situation';
import { requireCoordinatorFor, type Actor } from '../auth/actor';
import { DomainError } from '../errors';

/**
 * Who may record an assessment of an incident: a coordinator (or admin) whose scope holds it, or a
 * volunteer who is on site on one of its deployments. Leaders only read.
 */
export async function requireAssessor(db: Executor, actor: Actor, incident: Incident): Promise<void> {
  if (actor.role !== 'volunteer') return requireCoordinatorFor(actor, incident);
  const [onSite] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .where(
      and(
        eq(assignments.volunteerId, actor.volunteerId),
        eq(deploymentRequests.incidentId, incident.id),
        eq(assignments.status, 'on_site'),
      ),
    )
    .limit(1);
  if (!onSite) {
    throw new DomainError(
      'FORBIDDEN',
      'Kaji cepat dari lapangan hanya untuk relawan yang bertugas di kejadian ini dan sudah melapor tiba di lokasi.',
    );
  }
}

/** An event about the incident's situation, seen by the incident's province and kabupaten. */
export function situationEvent(
  incident: Pick<Incident, 'id' | 'provinceCode' | 'regencyCode'>,
  type: SituationEventType,
  payload: Record<string, unknown>,
  volunteerId?: string | null,
): NewEventRow {
  return {
    type,
    provinceCode: incident.provinceCode,
    regencyCode: incident.regencyCode,
    incidentId: incident.id,
    volunteerId: volunteerId ?? null,
    payload,
  };
}
