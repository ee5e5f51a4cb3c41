import { eq } from 'drizzle-orm';
import { volunteers, type Volunteer } from '../../db/schema';
import { ReinstateVolunteer, VOLUNTEER_EVENTS } from '../../lib/registry';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import {
  accountPhoneFollows,
  ERASED_FOR_GOOD,
  guardUnique,
  lockVolunteer,
  requireFreeIdentity,
  requireRegistrar,
} from './record';

/**
 * Brings a retired volunteer back, tidak siaga until it sets itself siaga; refused while another active
 * volunteer holds its phone or NIK. Its account signs in again with the same phone and password.
 */
export async function reinstateVolunteer({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Volunteer> {
  const { volunteerId } = parseInput(ReinstateVolunteer, input);
  return guardUnique(() =>
    commitWithEvents(ctx, async (tx) => {
      const { volunteer: before, provinceCode } = await lockVolunteer(tx, volunteerId);
      requireRegistrar(ctx.actor, { provinceCode, regencyCode: before.regencyCode });
      if (before.erasedAt) throw new DomainError('CONFLICT', ERASED_FOR_GOOD);
      if (!before.retiredAt) throw new DomainError('CONFLICT', `${before.name} masih aktif.`);
      await requireFreeIdentity(tx, ctx.actor, { phone: before.phone, nik: before.nik }, before.id);

      const now = ctx.now();
      await accountPhoneFollows(tx, before.id, before.phone, now);
      const [volunteer] = await tx
        .update(volunteers)
        .set({
          retiredAt: null,
          retiredReason: null,
          availability: 'unavailable',
          availabilityChangedAt: now,
          updatedAt: now,
        })
        .where(eq(volunteers.id, volunteerId))
        .returning();
      return {
        result: volunteer!,
        events: [
          {
            type: VOLUNTEER_EVENTS.reinstated,
            provinceCode,
            regencyCode: before.regencyCode,
            volunteerId,
            payload: { name: before.name, retiredReason: before.retiredReason, to: 'unavailable' },
          },
        ],
      };
    }),
  );
}
