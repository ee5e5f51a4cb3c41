import { eq } from 'drizzle-orm';
import { volunteers, type Volunteer } from '../../db/schema';
import { MoveVolunteer, VOLUNTEER_EVENTS } from '../../lib/registry';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { checkHome, lockVolunteer, requireRegistrar } from './record';

/**
 * Moves a volunteer's home to another kabupaten/kota, kecamatan or desa. The actor's scope must hold both
 * the old home and the new one: a kabupaten coordinator moves only inside its kabupaten, a province
 * coordinator across the province's, an admin anywhere.
 */
export async function moveVolunteer({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ volunteer: Volunteer; moved: boolean }> {
  const home = parseInput(MoveVolunteer, input);
  return commitWithEvents<{ volunteer: Volunteer; moved: boolean }>(ctx, async (tx) => {
    const { volunteer: before, provinceCode: fromProvince } = await lockVolunteer(tx, home.volunteerId);
    requireRegistrar(ctx.actor, { provinceCode: fromProvince, regencyCode: before.regencyCode });
    const provinceCode = await checkHome(tx, ctx.actor, home);
    const to = {
      regencyCode: home.regencyCode,
      districtCode: home.districtCode ?? null,
      village: home.village ?? null,
    };
    const from = { regencyCode: before.regencyCode, districtCode: before.districtCode, village: before.village };
    if (JSON.stringify(to) === JSON.stringify(from)) return { result: { volunteer: before, moved: false }, events: [] };

    const now = ctx.now();
    const [volunteer] = await tx
      .update(volunteers)
      .set({ ...to, updatedAt: now })
      .where(eq(volunteers.id, before.id))
      .returning();
    return {
      result: { volunteer: volunteer!, moved: true },
      events: [
        {
          type: VOLUNTEER_EVENTS.moved,
          provinceCode,
          regencyCode: to.regencyCode,
          volunteerId: before.id,
          payload: {
            name: before.name,
            from: { provinceCode: fromProvince, regencyCode: from.regencyCode, districtCode: from.districtCode },
            to: { provinceCode, regencyCode: to.regencyCode, districtCode: to.districtCode },
          },
        },
      ],
    };
  });
}
