import { and, eq } from 'drizzle-orm';
import { coverageRules, type CoverageRule } from '../../db/schema';
import { READINESS_EVENTS, RemoveCoverageRule } from '../../lib/readiness';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { readinessEvent, ruleTarget } from './access';

/** A province coordinator drops a kabupaten/kota's coverage rule for a pillar. */
export async function removeCoverageRule({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<CoverageRule> {
  const data = parseInput(RemoveCoverageRule, input);
  return commitWithEvents(ctx, async (tx) => {
    const target = await ruleTarget(tx, ctx.actor, data);
    const [removed] = await tx
      .delete(coverageRules)
      .where(and(eq(coverageRules.regencyCode, target.regencyCode), eq(coverageRules.pillarCode, target.pillarCode)))
      .returning();
    if (!removed) {
      throw new DomainError(
        'NOT_FOUND',
        `${target.regencyName} tidak punya aturan ${target.pillarName} per kecamatan.`,
      );
    }
    return {
      result: removed,
      events: [readinessEvent(READINESS_EVENTS.coverageRemoved, target, { previous: removed.minimumPerDistrict })],
    };
  });
}
