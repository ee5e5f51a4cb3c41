import { eq } from 'drizzle-orm';
import { incidents, provinceAsks, type ProvinceAsk } from '../../db/schema';
import { DeclineProvinceAsk, PROVINCE_ASK_EVENTS } from '../../lib/province-asks';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { askEvent, assertOpen, lockAsk, requireProvinceCoordinator } from './access';

/** The asked province declines, saying why; the asking province sees the reason at once. */
export async function declineProvinceAsk({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<ProvinceAsk> {
  const data = parseInput(DeclineProvinceAsk, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const ask = await lockAsk(tx, data.askId);
    requireProvinceCoordinator(ctx.actor, ask.toProvinceCode, 'menjawab permintaan bantuan provinsi lain');
    assertOpen(ask);
    const [incident] = await tx
      .select({ id: incidents.id, provinceCode: incidents.provinceCode, regencyCode: incidents.regencyCode })
      .from(incidents)
      .where(eq(incidents.id, ask.incidentId));
    const [declined] = await tx
      .update(provinceAsks)
      .set({
        status: 'declined',
        declineReason: data.reason,
        answeredBy: ctx.actor.userId,
        answeredAt: now,
        updatedAt: now,
      })
      .where(eq(provinceAsks.id, ask.id))
      .returning();
    return {
      result: declined!,
      events: [
        askEvent(incident!, PROVINCE_ASK_EVENTS.declined, {
          askId: ask.id,
          toProvinceCode: ask.toProvinceCode,
          reason: data.reason,
          by: ctx.actor.userId,
        }),
      ],
    };
  });
}
