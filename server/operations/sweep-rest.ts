import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import { assignments, regencies, volunteers, type NewEventRow } from '../../db/schema';
import { AVAILABILITY_LABELS } from '../../lib/domain';
import type { DomainContext } from '../context';
import { commitWithEvents } from '../events/commit';
import { AVAILABILITY_CHANGED } from '../volunteers/set-availability';

/**
 * The rest sweep: a volunteer back home whose province's rest period is over becomes "Siaga" again,
 * unless they changed their status themselves since coming back (or retired). It reads only the
 * database, so a restart catches up at once; each rest period is looked at once (its end is cleared).
 */
export async function sweepRest({ ctx, now }: { ctx: DomainContext; now: Date }): Promise<{ available: number }> {
  return commitWithEvents(ctx, async (tx) => {
    const over = await tx
      .select({
        assignmentId: assignments.id,
        returnedAt: assignments.returnedAt,
        volunteer: {
          id: volunteers.id,
          availability: volunteers.availability,
          availabilityChangedAt: volunteers.availabilityChangedAt,
          retiredAt: volunteers.retiredAt,
          regencyCode: volunteers.regencyCode,
          provinceCode: regencies.provinceCode,
        },
      })
      .from(assignments)
      .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(and(isNotNull(assignments.restEndsAt), lte(assignments.restEndsAt, now)))
      .orderBy(asc(assignments.volunteerId), asc(assignments.id))
      .for('no key update', { of: [assignments, volunteers] });

    const events: NewEventRow[] = [];
    for (const { assignmentId, returnedAt, volunteer } of over) {
      await tx.update(assignments).set({ restEndsAt: null }).where(eq(assignments.id, assignmentId));
      const stillResting =
        volunteer.availability === 'unavailable' &&
        volunteer.retiredAt === null &&
        returnedAt !== null &&
        volunteer.availabilityChangedAt <= returnedAt;
      if (!stillResting || events.some((event) => event.volunteerId === volunteer.id)) continue;
      await tx
        .update(volunteers)
        .set({ availability: 'available', availabilityChangedAt: now, updatedAt: now })
        .where(eq(volunteers.id, volunteer.id));
      events.push({
        type: AVAILABILITY_CHANGED,
        provinceCode: volunteer.provinceCode,
        regencyCode: volunteer.regencyCode,
        volunteerId: volunteer.id,
        payload: { from: 'unavailable', to: 'available', label: AVAILABILITY_LABELS.available, afterRest: true },
      });
    }
    return { result: { available: events.length }, events };
  });
}
