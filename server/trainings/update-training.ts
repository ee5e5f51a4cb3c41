import { eq, sql } from 'drizzle-orm';
import { trainings, volunteerTrainings, type Training } from '../../db/schema';
import { TRAINING_EVENTS, UpdateTraining } from '../../lib/trainings';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { lockTraining, requireCatalogueKeeper, trainingEvent } from './access';

const FIELDS = ['kind', 'name', 'organiser', 'startsOn', 'endsOn', 'place', 'validMonths'] as const;

/**
 * Corrects a training's details. A new validity recomputes the last day of every certificate of it
 * (certificate date, or completion, plus the months; none when it now counts for good).
 */
export async function updateTraining({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ training: Training; recomputed: number }> {
  const data = parseInput(UpdateTraining, input);

  return commitWithEvents(ctx, async (tx) => {
    const before = await lockTraining(tx, data.trainingId);
    requireCatalogueKeeper(ctx.actor, before.provinceCode);
    const changes: Partial<Training> = {};
    for (const field of FIELDS) {
      const value = data[field];
      if (value !== undefined && value !== before[field]) Object.assign(changes, { [field]: value });
    }
    const startsOn = changes.startsOn ?? before.startsOn;
    const endsOn = changes.endsOn ?? before.endsOn;
    if (endsOn < startsOn) {
      const message = 'Tanggal selesai tidak boleh sebelum tanggal mulai.';
      throw new DomainError('INVALID', message, { endsOn: [message] });
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { result: { training: before, recomputed: 0 }, events: [] };

    const [training] = await tx.update(trainings).set(changes).where(eq(trainings.id, before.id)).returning();
    let recomputed = 0;
    if ('validMonths' in changes) {
      const months = changes.validMonths ?? null;
      const rows = await tx
        .update(volunteerTrainings)
        .set({
          validUntil:
            months === null
              ? null
              : sql`(coalesce(${volunteerTrainings.certifiedOn}, ${volunteerTrainings.completedOn}) + make_interval(months => ${months}::int))::date`,
        })
        .where(eq(volunteerTrainings.trainingId, before.id))
        .returning({ volunteerId: volunteerTrainings.volunteerId });
      recomputed = rows.length;
    }
    return {
      result: { training: training!, recomputed },
      events: [
        trainingEvent(training!.provinceCode!, TRAINING_EVENTS.updated, {
          trainingId: before.id,
          changed,
          before: Object.fromEntries(changed.map((field) => [field, before[field as keyof Training]])),
          after: changes,
          recomputed,
        }),
      ],
    };
  });
}
