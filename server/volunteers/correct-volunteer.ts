import type { Volunteer } from '../../db/schema';
import { CorrectVolunteer, VOLUNTEER_EVENTS } from '../../lib/registry';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { applyCorrection, ERASED_FOR_GOOD, guardUnique, lockVolunteer, requireRegistrar } from './record';

/**
 * A coordinator in scope (or an admin) corrects a record: only the fields sent change; the home moves
 * through moveVolunteer. A changed phone stays unique among active volunteers and the account follows it.
 */
export async function correctVolunteer({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ volunteer: Volunteer; fields: string[] }> {
  const { volunteerId, ...changes } = parseInput(CorrectVolunteer, input);
  return guardUnique(() =>
    commitWithEvents(ctx, async (tx) => {
      const locked = await lockVolunteer(tx, volunteerId);
      if (locked.volunteer.erasedAt) throw new DomainError('CONFLICT', ERASED_FOR_GOOD);
      requireRegistrar(ctx.actor, { provinceCode: locked.provinceCode, regencyCode: locked.volunteer.regencyCode });
      const corrected = await applyCorrection(tx, ctx.actor, locked, changes, ctx.now());
      return {
        result: corrected,
        events:
          corrected.fields.length === 0
            ? []
            : [
                {
                  type: VOLUNTEER_EVENTS.corrected,
                  provinceCode: locked.provinceCode,
                  regencyCode: locked.volunteer.regencyCode,
                  volunteerId,
                  // Which fields, never their values: the log reaches leaders.
                  payload: { name: corrected.volunteer.name, fields: corrected.fields },
                },
              ],
      };
    }),
  );
}
