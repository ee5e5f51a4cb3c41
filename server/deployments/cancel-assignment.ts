import { eq } from 'drizzle-orm';
import { assignments, type NewEventRow } from '../../db/schema';
import { isActiveAssignment } from '../../lib/assignment-state';
import { ASSIGNMENT_EVENTS, CancelAssignment, type AssignmentAnswer } from '../../lib/dispatch';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { answerOf, assertMove, assignmentEvent, lockAssignment, requireDispatcher, scopeOf } from './access';
import { releaseVolunteer } from './duty';
import { freeSlot } from './slots';

/**
 * A coordinator in the incident's scope calls one offer or assignment off at any point before it is
 * completed; a taken place frees up and the volunteer is "Siaga" again.
 */
export async function cancelAssignment({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<AssignmentAnswer> {
  const command = parseInput(CancelAssignment, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const locked = await lockAssignment(tx, command.assignmentId);
    requireDispatcher(ctx.actor, locked);
    assertMove(locked.assignment.status, 'cancelled');

    const wasActive = isActiveAssignment(locked.assignment.status);
    const [assignment] = await tx
      .update(assignments)
      .set({ status: 'cancelled', updatedAt: now })
      .where(eq(assignments.id, locked.assignment.id))
      .returning();
    const freed = wasActive
      ? await freeSlot(tx, locked.request, locked.incident, now)
      : { request: locked.request, events: [] };
    const scope = scopeOf(locked);
    const events: NewEventRow[] = [
      assignmentEvent(scope, ASSIGNMENT_EVENTS.cancelled, {
        requestId: locked.request.id,
        assignmentId: assignment!.id,
        from: locked.assignment.status,
        reason: command.reason ?? null,
        acceptedCount: freed.request.acceptedCount,
        slots: freed.request.slots,
        by: ctx.actor.userId,
      }),
    ];
    if (wasActive) {
      const released = await releaseVolunteer(tx, scope, now);
      if (released) events.push(released);
    }
    events.push(...freed.events);
    return { result: answerOf(assignment!, freed.request), events };
  });
}
