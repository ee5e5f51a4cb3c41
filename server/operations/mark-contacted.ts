import { eq } from 'drizzle-orm';
import { checkInWatches } from '../../db/schema';
import type { CheckInStatus } from '../../lib/operations';
import { CHECK_IN_EVENTS, MarkContacted } from '../../lib/operations';
import type { ActorContext } from '../auth/actor';
import { commitWithEvents } from '../events/commit';
import { parseInput } from '../errors';
import { lockAssignment, requireDispatcher, scopeOf } from '../deployments/access';
import { checkInEvent, checkInStatusOf, requireWatch } from './watch';

/** "Sudah dihubungi": a coordinator in the incident's scope notes that they reached a late or silent volunteer. */
export async function markContacted({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<CheckInStatus> {
  const command = parseInput(MarkContacted, input);
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    const locked = await lockAssignment(tx, command.assignmentId);
    requireDispatcher(ctx.actor, locked);
    const watch = await requireWatch(tx, locked);
    const [updated] = await tx
      .update(checkInWatches)
      .set({ contactedAt: now, contactedNote: command.note, updatedAt: now })
      .where(eq(checkInWatches.assignmentId, watch.assignmentId))
      .returning();
    const event = await checkInEvent(tx, scopeOf(locked), CHECK_IN_EVENTS.contacted, {
      requestId: locked.request.id,
      assignmentId: watch.assignmentId,
      note: command.note,
      state: watch.state,
      by: ctx.actor.userId,
    });
    return { result: checkInStatusOf(updated!, locked.volunteer.id), events: [event] };
  });
}
