import { eq } from 'drizzle-orm';
import { checkInWatches } from '../../db/schema';
import type { CheckInStatus } from '../../lib/operations';
import { CHECK_IN_EVENTS, ResolveCheckIn } from '../../lib/operations';
import type { ActorContext } from '../auth/actor';
import { commitWithEvents } from '../events/commit';
import { DomainError, parseInput } from '../errors';
import { lockAssignment, requireDispatcher, scopeOf } from '../deployments/access';
import { checkInEvent, checkInIntervalMs, checkInStatusOf, requireWatch } from './watch';

/**
 * A coordinator closes an alarm (late, critical or a call for help) once the volunteer is known safe:
 * the watch is "ok" again and the next check-in falls one interval from now.
 */
export async function resolveCheckIn({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<CheckInStatus> {
  const command = parseInput(ResolveCheckIn, input);
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    const locked = await lockAssignment(tx, command.assignmentId);
    requireDispatcher(ctx.actor, locked);
    const watch = await requireWatch(tx, locked);
    if (watch.state === 'ok') {
      throw new DomainError(
        'CONFLICT',
        'Tidak ada peringatan yang perlu diselesaikan: relawan ini sudah lapor aman tepat waktu.',
      );
    }
    const dueAt = new Date(now.getTime() + checkInIntervalMs(locked.request, locked.incident.type));
    const [updated] = await tx
      .update(checkInWatches)
      .set({ state: 'ok', stateChangedAt: now, dueAt, contactedAt: null, contactedNote: null, updatedAt: now })
      .where(eq(checkInWatches.assignmentId, watch.assignmentId))
      .returning();
    const event = await checkInEvent(tx, scopeOf(locked), CHECK_IN_EVENTS.resolved, {
      requestId: locked.request.id,
      assignmentId: watch.assignmentId,
      from: watch.state,
      dueAt: dueAt.toISOString(),
      ...(command.note ? { note: command.note } : {}),
      by: ctx.actor.userId,
    });
    return { result: checkInStatusOf(updated!, locked.volunteer.id), events: [event] };
  });
}
