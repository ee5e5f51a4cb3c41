import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { assignments, deploymentRequests, incidents, type Incident, type NewEventRow } from '../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../../lib/assignment-state';
import { ChangeIncidentPhase, INCIDENT_EVENTS, REQUEST_EVENTS } from '../../lib/dispatch';
import { INCIDENT_PHASE_LABELS, INCIDENT_PHASES } from '../../lib/domain';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { incidentEvent, lockIncident } from './access';

/**
 * Moves an incident forward: dilaporkan → tanggap darurat → pemulihan → selesai (steps may be skipped, a
 * false report goes straight to selesai). Nothing moves back, nothing leaves selesai, and an incident
 * closes only when no offer waits for an answer and no volunteer is still out for it.
 */
export async function changeIncidentPhase({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Incident> {
  const { incidentId, phase } = parseInput(ChangeIncidentPhase, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    requireCoordinatorFor(ctx.actor, incident);
    const from = incident.phase;
    if (from === 'closed') {
      throw new DomainError('CONFLICT', 'Kejadian ini sudah ditutup; fasenya tidak dapat diubah lagi.');
    }
    if (from === phase) {
      throw new DomainError('CONFLICT', `Kejadian ini sudah dalam fase "${INCIDENT_PHASE_LABELS[phase]}".`);
    }
    if (INCIDENT_PHASES.indexOf(phase) < INCIDENT_PHASES.indexOf(from)) {
      throw new DomainError(
        'CONFLICT',
        `Fase kejadian hanya dapat maju: dari "${INCIDENT_PHASE_LABELS[from]}" tidak dapat kembali ke "${INCIDENT_PHASE_LABELS[phase]}".`,
      );
    }

    const events: NewEventRow[] = phase === 'closed' ? await closeRequests(tx, incident, now) : [];
    const [updated] = await tx
      .update(incidents)
      .set({ phase, closedAt: phase === 'closed' ? now : null, updatedAt: now })
      .where(eq(incidents.id, incident.id))
      .returning();
    events.unshift(incidentEvent(incident, INCIDENT_EVENTS.phaseChanged, { from, to: phase, by: ctx.actor.userId }));
    return { result: updated!, events };
  });
}

/** Refuses while offers or volunteers are still out; otherwise closes the requests still open or filled. */
async function closeRequests(tx: Transaction, incident: Incident, now: Date): Promise<NewEventRow[]> {
  // Locking the requests first makes a concurrent accept finish (or wait) before the count below.
  const requests = await tx
    .select({ id: deploymentRequests.id, status: deploymentRequests.status })
    .from(deploymentRequests)
    .where(eq(deploymentRequests.incidentId, incident.id))
    .orderBy(asc(deploymentRequests.id))
    .for('no key update');
  if (requests.length === 0) return [];
  const requestIds = requests.map((request) => request.id);
  const [pending] = await tx
    .select({ n: count() })
    .from(assignments)
    .where(and(inArray(assignments.requestId, requestIds), eq(assignments.status, 'offered')));
  const [active] = await tx
    .select({ n: count() })
    .from(assignments)
    .where(and(inArray(assignments.requestId, requestIds), inArray(assignments.status, ACTIVE_ASSIGNMENT_STATUSES)));
  const offers = pending?.n ?? 0;
  const out = active?.n ?? 0;
  if (offers > 0 || out > 0) {
    const still = [out > 0 ? `${out} relawan masih bertugas` : '', offers > 0 ? `${offers} tawaran belum dijawab` : '']
      .filter(Boolean)
      .join(' dan ');
    throw new DomainError(
      'CONFLICT',
      `Kejadian belum dapat ditutup: ${still}. Tunggu penugasan selesai atau batalkan permintaannya dulu.`,
    );
  }

  const closed = await tx
    .update(deploymentRequests)
    .set({ status: 'closed', updatedAt: now })
    .where(and(inArray(deploymentRequests.id, requestIds), inArray(deploymentRequests.status, ['open', 'filled'])))
    .returning({ id: deploymentRequests.id, status: deploymentRequests.status });
  const before = new Map(requests.map((request) => [request.id, request.status]));
  return closed.map((request) =>
    incidentEvent(incident, REQUEST_EVENTS.closed, { requestId: request.id, from: before.get(request.id) }),
  );
}
