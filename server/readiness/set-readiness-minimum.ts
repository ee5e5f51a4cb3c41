import { and, eq } from 'drizzle-orm';
import { readinessMinimums, type ReadinessMinimum } from '../../db/schema';
import { READINESS_EVENTS, SetReadinessMinimum } from '../../lib/readiness';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { readinessEvent, ruleTarget } from './access';

/** A province coordinator sets how many of a pillar must be on standby in a kabupaten/kota; one row per pair. */
export async function setReadinessMinimum({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ minimum: ReadinessMinimum; changed: boolean }> {
  const data = parseInput(SetReadinessMinimum, input);
  return commitWithEvents<{ minimum: ReadinessMinimum; changed: boolean }>(ctx, async (tx) => {
    const target = await ruleTarget(tx, ctx.actor, data);
    const key = and(
      eq(readinessMinimums.regencyCode, target.regencyCode),
      eq(readinessMinimums.pillarCode, target.pillarCode),
    );
    const [before] = await tx.select().from(readinessMinimums).where(key).for('no key update').limit(1);
    if (before?.minimumAvailable === data.minimumAvailable) {
      return { result: { minimum: before, changed: false }, events: [] };
    }
    const now = ctx.now();
    const values = { minimumAvailable: data.minimumAvailable, updatedBy: ctx.actor.userId, updatedAt: now };
    const [minimum] = await tx
      .insert(readinessMinimums)
      .values({ regencyCode: target.regencyCode, pillarCode: target.pillarCode, ...values })
      .onConflictDoUpdate({ target: [readinessMinimums.regencyCode, readinessMinimums.pillarCode], set: values })
      .returning();
    return {
      result: { minimum: minimum!, changed: true },
      events: [
        readinessEvent(READINESS_EVENTS.minimumSet, target, {
          minimumAvailable: data.minimumAvailable,
          previous: before?.minimumAvailable ?? null,
        }),
      ],
    };
  });
}
