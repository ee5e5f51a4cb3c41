import { eq } from 'drizzle-orm';
import { assignments } from '../../db/schema';
import { ASSIGNMENT_EVENTS, AssignmentAnswer, DeclineOffer } from '../../lib/dispatch';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { answerOf, assertMove, assignmentEvent, lockAssignment, recordedBy, requireAnswerer, scopeOf } from './access';
import { runPhoneCommand } from './receipts';

/** A volunteer turns an offer down, optionally saying why; the request and its places do not change. */
export async function declineOffer({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<AssignmentAnswer> {
  const { idempotencyKey, ...command } = parseInput(DeclineOffer, input);
  const now = ctx.now();

  return runPhoneCommand(
    ctx,
    { name: 'assignment.decline', idempotencyKey, input: command, answer: AssignmentAnswer },
    async (tx) => {
      const locked = await lockAssignment(tx, command.assignmentId);
      requireAnswerer(ctx.actor, locked);
      assertMove(locked.assignment.status, 'declined');

      const [assignment] = await tx
        .update(assignments)
        .set({ status: 'declined', declineReason: command.reason ?? null, respondedAt: now, updatedAt: now })
        .where(eq(assignments.id, locked.assignment.id))
        .returning();
      return {
        result: answerOf(assignment!, locked.request),
        events: [
          assignmentEvent(scopeOf(locked), ASSIGNMENT_EVENTS.declined, {
            requestId: locked.request.id,
            assignmentId: assignment!.id,
            reason: command.reason ?? null,
            ...recordedBy(ctx.actor),
          }),
        ],
      };
    },
  );
}
