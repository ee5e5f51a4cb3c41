import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { regencies, volunteers, type EventRow, type Volunteer } from '../../db/schema';
import { SetAvailability } from '../../lib/availability';
import { AVAILABILITY_LABELS } from '../../lib/domain';
import { requireSelfOrCoordinator, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { appendEvents } from '../events/append';

export const SetVolunteerAvailability = SetAvailability.extend({
  volunteerId: z.uuid({ error: 'volunteerId harus berupa UUID' }),
});
export type SetVolunteerAvailability = z.infer<typeof SetVolunteerAvailability>;

export const AVAILABILITY_CHANGED = 'volunteer.availability_changed';

/**
 * A volunteer (or a coordinator in scope) sets siaga or tidak siaga. "Bertugas" follows assignments only, so it can be neither
 * chosen here nor left while it holds.
 */
export async function setVolunteerAvailability({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ volunteer: Volunteer; event: EventRow | null }> {
  const { volunteerId, availability } = parseInput(SetVolunteerAvailability, input);
  if (availability === 'deployed') {
    throw new DomainError('CONFLICT', 'Status "Bertugas" hanya berubah lewat penugasan.');
  }

  const result = await ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ volunteer: volunteers, provinceCode: regencies.provinceCode })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(eq(volunteers.id, volunteerId))
      .for('no key update', { of: volunteers })
      .limit(1);
    if (!current) throw new DomainError('NOT_FOUND', 'Relawan tidak ditemukan.');
    const { volunteer: before, provinceCode } = current;
    requireSelfOrCoordinator(ctx.actor, { id: before.id, provinceCode, regencyCode: before.regencyCode });
    if (before.retiredAt) {
      throw new DomainError('CONFLICT', `${before.name} sudah tidak aktif; aktifkan kembali datanya dulu.`);
    }
    if (before.availability === 'deployed') {
      throw new DomainError(
        'CONFLICT',
        `${before.name} sedang bertugas; status kembali siaga setelah penugasannya selesai.`,
      );
    }
    if (before.availability === availability) return { volunteer: before, event: null };

    const now = ctx.now();
    const [volunteer] = await tx
      .update(volunteers)
      .set({ availability, availabilityChangedAt: now, updatedAt: now })
      .where(eq(volunteers.id, volunteerId))
      .returning();
    const [event] = await appendEvents(tx, [
      {
        type: AVAILABILITY_CHANGED,
        provinceCode,
        regencyCode: before.regencyCode,
        volunteerId,
        actorId: ctx.actor.userId,
        payload: {
          from: before.availability,
          to: availability,
          label: AVAILABILITY_LABELS[availability],
        },
      },
    ]);
    return { volunteer: volunteer!, event: event ?? null };
  });

  if (result.event) ctx.publish([result.event]);
  return result;
}
