import { and, eq, isNull, or } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { volunteers, type NewEventRow, type Volunteer } from '../../db/schema';
import { VOLUNTEER_EVENTS } from '../../lib/registry';
import { DomainError } from '../errors';

export type NewRosterEntry = Pick<
  Volunteer,
  | 'name'
  | 'phone'
  | 'nik'
  | 'pillarCode'
  | 'regencyCode'
  | 'districtCode'
  | 'village'
  | 'gender'
  | 'birthYear'
  | 'skills'
>;

/**
 * A roster entry made inside the caller's transaction, by the roster's rules: the phone (and NIK, when
 * given) belongs to no other active volunteer. Returns the row and its `volunteer.created` event.
 */
export async function addVolunteer(
  tx: Transaction,
  entry: NewRosterEntry,
  { provinceCode, now, source }: { provinceCode: string; now: Date; source: Record<string, unknown> },
): Promise<{ volunteer: Volunteer; event: NewEventRow }> {
  const [taken] = await tx
    .select({ name: volunteers.name })
    .from(volunteers)
    .where(
      and(
        isNull(volunteers.retiredAt),
        entry.nik
          ? or(eq(volunteers.phone, entry.phone), eq(volunteers.nik, entry.nik))
          : eq(volunteers.phone, entry.phone),
      ),
    )
    .limit(1);
  if (taken) {
    throw new DomainError('CONFLICT', `No HP atau NIK ${entry.name} sudah dipakai relawan aktif ${taken.name}.`);
  }
  const [volunteer] = await tx
    .insert(volunteers)
    .values({ ...entry, availability: 'available', availabilityChangedAt: now, createdAt: now, updatedAt: now })
    .returning();
  return {
    volunteer: volunteer!,
    event: {
      type: VOLUNTEER_EVENTS.created,
      provinceCode,
      regencyCode: volunteer!.regencyCode,
      volunteerId: volunteer!.id,
      payload: { name: volunteer!.name, pillarCode: volunteer!.pillarCode, ...source },
    },
  };
}
