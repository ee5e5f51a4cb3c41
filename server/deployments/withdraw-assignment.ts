import { eq } from 'drizzle-orm';
import { assignments, type NewEventRow } from '../../db/schema';
import { ASSIGNMENT_EVENTS, AssignmentAnswer, WithdrawAssignment } from '../../lib/dispatch';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { answerOf, assertMove, assignmentEvent, lockAssignment, recordedBy, requireAnswerer, scopeOf } from './access';
import { releaseVolunteer } from './duty';
import { runPhoneCommand } from './receipts';
import { freeSlot } from './slots';

/**
 * A volunteer who accepted steps back before leaving: the place frees up (a filled request opens again
 * before its deadline) and the volunteer is "Siaga" again. After departure only a coordinator can cancel.
 */
export async function withdrawAssignment({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<AssignmentAnswer> {
  const { idempotencyKey, ...command } = parseInput(WithdrawAssignment, input);
  const now = ctx.now();

  return runPhoneCommand(
    ctx,
    { name: 'assignment.withdraw', idempotencyKey, input: command, answer: AssignmentAnswer },
    async (tx) => {
      const locked = await lockAssignment(tx, command.assignmentId);
      requireAnswerer(ctx.actor, locked);
      assertMove(locked.assignment.status, 'withdrawn');

      const [assignment] = await tx
        .update(assignments)
        .set({ status: 'withdrawn', updatedAt: now })
        .where(eq(assignments.id, locked.assignment.id))
        .returning();
      const freed = await freeSlot(tx, locked.request, locked.incident, now);
      const scope = scopeOf(locked);
      const events: NewEventRow[] = [
        assignmentEvent(scope, ASSIGNMENT_EVENTS.withdrawn, {
          requestId: locked.request.id,
          assignmentId: assignment!.id,
          reason: command.reason ?? null,
          acceptedCount: freed.request.acceptedCount,
          slots: freed.request.slots,
          ...recordedBy(ctx.actor),
        }),
      ];
      const released = await releaseVolunteer(tx, scope, now);
      if (released) events.push(released);
      events.push(...freed.events);
      return { result: answerOf(assignment!, freed.request), events };
    },
  );
}
