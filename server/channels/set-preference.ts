import { channelPreferences, regencies, volunteers } from '../../db/schema';
import { CHANNEL_EVENTS, SetChannelPreference, type ChannelPreference } from '../../lib/channels';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { eq } from 'drizzle-orm';

/** A volunteer chooses texts always, or only as a fallback; only the volunteer itself chooses. */
export async function setChannelPreference({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ mode: ChannelPreference }> {
  const { mode } = parseInput(SetChannelPreference, input);
  const { actor } = ctx;
  if (actor.role !== 'volunteer') {
    throw new DomainError('FORBIDDEN', 'Hanya relawan yang memilih cara ia menerima SMS/WhatsApp.');
  }
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    const [home] = await tx
      .select({ regencyCode: volunteers.regencyCode, provinceCode: regencies.provinceCode })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(eq(volunteers.id, actor.volunteerId));
    if (!home) throw new DomainError('NOT_FOUND', 'Relawan tidak ditemukan.');
    await tx
      .insert(channelPreferences)
      .values({ volunteerId: actor.volunteerId, mode, updatedAt: now })
      .onConflictDoUpdate({ target: channelPreferences.volunteerId, set: { mode, updatedAt: now } });
    return {
      result: { mode },
      events: [
        {
          type: CHANNEL_EVENTS.preferenceChanged,
          provinceCode: home.provinceCode,
          regencyCode: home.regencyCode,
          volunteerId: actor.volunteerId,
          payload: { mode },
        },
      ],
    };
  });
}
