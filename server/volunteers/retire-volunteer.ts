import { and, eq, inArray } from 'drizzle-orm';
import { assignments, deploymentRequests, incidents, users, volunteers, type Volunteer } from '../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../../lib/assignment-state';
import { RetireVolunteer, VOLUNTEER_EVENTS } from '../../lib/registry';
import type { ActorContext } from '../auth/actor';
import { revokeUserSessions } from '../auth/sessions';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { lockVolunteer, requireRegistrar } from './record';

/** An offer waiting for an answer or an assignment not yet completed keeps a volunteer in service. */
const RUNNING_STATUSES = ['offered', ...ACTIVE_ASSIGNMENT_STATUSES] as const;

/**
 * Retires a volunteer (with a reason): the record, its trainings and deployments stay, it leaves every
 * count and match, and its account's sessions end at once. Refused while an assignment is running.
 */
export async function retireVolunteer({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ volunteer: Volunteer; endedSessions: number }> {
  const { volunteerId, reason } = parseInput(RetireVolunteer, input);
  return commitWithEvents(ctx, async (tx) => {
    const { volunteer: before, provinceCode } = await lockVolunteer(tx, volunteerId);
    requireRegistrar(ctx.actor, { provinceCode, regencyCode: before.regencyCode });
    if (before.retiredAt) {
      throw new DomainError('CONFLICT', `${before.name} sudah tidak aktif (${before.retiredReason}).`);
    }
    const [running] = await tx
      .select({ status: assignments.status, incident: incidents.title })
      .from(assignments)
      .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
      .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
      .where(and(eq(assignments.volunteerId, volunteerId), inArray(assignments.status, RUNNING_STATUSES)))
      .limit(1);
    if (running) {
      throw new DomainError(
        'CONFLICT',
        running.status === 'offered'
          ? `${before.name} masih punya tawaran tugas di ${running.incident}; batalkan tawarannya dulu, lalu nonaktifkan.`
          : `${before.name} sedang bertugas di ${running.incident}; nonaktifkan setelah tugasnya selesai atau dibatalkan.`,
      );
    }

    const now = ctx.now();
    const [volunteer] = await tx
      .update(volunteers)
      .set({ retiredAt: now, retiredReason: reason, updatedAt: now })
      .where(eq(volunteers.id, volunteerId))
      .returning();
    // The account keeps its password for a reinstatement but lets go of the number, which a new
    // volunteer may be given meanwhile; it signs nobody in while the record is retired.
    const [account] = await tx
      .update(users)
      .set({ phone: null, updatedAt: now })
      .where(eq(users.volunteerId, volunteerId))
      .returning({ id: users.id });
    const endedSessions = account ? await revokeUserSessions(tx, account.id, now) : 0;
    return {
      result: { volunteer: volunteer!, endedSessions },
      events: [
        {
          type: VOLUNTEER_EVENTS.retired,
          provinceCode,
          regencyCode: before.regencyCode,
          volunteerId,
          payload: { name: before.name, reason, availability: before.availability, endedSessions },
        },
      ],
    };
  });
}
