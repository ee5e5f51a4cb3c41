import type { Volunteer } from '../../db/schema';
import { CorrectOwnContact, VOLUNTEER_EVENTS } from '../../lib/registry';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { applyCorrection, guardUnique, lockVolunteer } from './record';

const OWN_FIELDS = new Set(Object.keys(CorrectOwnContact.shape));

/**
 * A volunteer corrects its own phone number and emergency contact, nothing else; its sign-in number
 * follows the new phone.
 */
export async function correctOwnContact({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ volunteer: Volunteer; fields: string[] }> {
  const { actor } = ctx;
  if (actor.role !== 'volunteer') {
    throw new DomainError('FORBIDDEN', 'Hanya relawan yang mengubah kontaknya sendiri di sini.');
  }
  const other =
    typeof input === 'object' && input !== null ? Object.keys(input).filter((key) => !OWN_FIELDS.has(key)) : [];
  if (other.length > 0) {
    throw new DomainError(
      'FORBIDDEN',
      'Anda hanya dapat mengubah No HP dan kontak darurat Anda; data lain diubah oleh koordinator.',
      Object.fromEntries(other.map((field) => [field, ['Hanya koordinator yang dapat mengubah ini.']])),
    );
  }
  const changes = parseInput(CorrectOwnContact, input);
  return guardUnique(() =>
    commitWithEvents(ctx, async (tx) => {
      const locked = await lockVolunteer(tx, actor.volunteerId);
      const corrected = await applyCorrection(tx, actor, locked, changes, ctx.now());
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
                  volunteerId: locked.volunteer.id,
                  payload: { name: corrected.volunteer.name, fields: corrected.fields, by: 'self' },
                },
              ],
      };
    }),
  );
}
