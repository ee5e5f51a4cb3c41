import { and, eq } from 'drizzle-orm';
import { readinessMinimums, type ReadinessMinimum } from '../../db/schema';
import { READINESS_EVENTS, RemoveReadinessMinimum } from '../../lib/readiness';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { readinessEvent, ruleTarget } from './access';

/** A province coordinator drops a kabupaten/kota's minimum for a pillar; it then falls short of nothing. */
export async function removeReadinessMinimum({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<ReadinessMinimum> {
  const data = parseInput(RemoveReadinessMinimum, input);
  return commitWithEvents(ctx, async (tx) => {
    const target = await ruleTarget(tx, ctx.actor, data);
    const [removed] = await tx
      .delete(readinessMinimums)
      .where(
        and(eq(readinessMinimums.regencyCode, target.regencyCode), eq(readinessMinimums.pillarCode, target.pillarCode)),
      )
      .returning();
    if (!removed) {
      throw new DomainError('NOT_FOUND', `${target.regencyName} tidak punya minimum siaga untuk ${target.pillarName}.`);
    }
    return {
      result: removed,
      events: [readinessEvent(READINESS_EVENTS.minimumRemoved, target, { previous: removed.minimumAvailable })],
    };
  });
}
