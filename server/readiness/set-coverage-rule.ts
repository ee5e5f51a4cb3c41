import { and, eq } from 'drizzle-orm';
import { coverageRules, type CoverageRule } from '../../db/schema';
import { READINESS_EVENTS, SetCoverageRule } from '../../lib/readiness';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { readinessEvent, ruleTarget } from './access';

/** A province coordinator asks for at least N active volunteers of a pillar in every kecamatan of a kabupaten/kota. */
export async function setCoverageRule({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ rule: CoverageRule; changed: boolean }> {
  const data = parseInput(SetCoverageRule, input);
  return commitWithEvents<{ rule: CoverageRule; changed: boolean }>(ctx, async (tx) => {
    const target = await ruleTarget(tx, ctx.actor, data);
    const key = and(eq(coverageRules.regencyCode, target.regencyCode), eq(coverageRules.pillarCode, target.pillarCode));
    const [before] = await tx.select().from(coverageRules).where(key).for('no key update').limit(1);
    if (before?.minimumPerDistrict === data.minimumPerDistrict) {
      return { result: { rule: before, changed: false }, events: [] };
    }
    const values = { minimumPerDistrict: data.minimumPerDistrict, updatedBy: ctx.actor.userId, updatedAt: ctx.now() };
    const [rule] = await tx
      .insert(coverageRules)
      .values({ regencyCode: target.regencyCode, pillarCode: target.pillarCode, ...values })
      .onConflictDoUpdate({ target: [coverageRules.regencyCode, coverageRules.pillarCode], set: values })
      .returning();
    return {
      result: { rule: rule!, changed: true },
      events: [
        readinessEvent(READINESS_EVENTS.coverageSet, target, {
          minimumPerDistrict: data.minimumPerDistrict,
          previous: before?.minimumPerDistrict ?? null,
        }),
      ],
    };
  });
}
