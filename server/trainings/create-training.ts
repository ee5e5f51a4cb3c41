import { trainings, type Training } from '../../db/schema';
import { CreateTraining, TRAINING_EVENTS } from '../../lib/trainings';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { findProvince } from '../regencies/queries';
import { requireCatalogueKeeper, trainingEvent } from './access';

/** A province coordinator adds a training (bimtek, latsar, diklat, camp) to the province's catalogue. */
export async function createTraining({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Training> {
  const data = parseInput(CreateTraining, input);
  requireCatalogueKeeper(ctx.actor, data.provinceCode);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    if (!(await findProvince(tx, data.provinceCode))) {
      throw new DomainError('INVALID', 'Provinsi tidak dikenal.', {
        provinceCode: [`Tidak ada provinsi dengan kode ${data.provinceCode}.`],
      });
    }
    const [training] = await tx
      .insert(trainings)
      .values({
        kind: data.kind,
        name: data.name,
        organiser: data.organiser,
        provinceCode: data.provinceCode,
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        place: data.place ?? null,
        validMonths: data.validMonths,
        createdAt: now,
      })
      .returning();
    const created = training!;
    return {
      result: created,
      events: [
        trainingEvent(created.provinceCode!, TRAINING_EVENTS.created, {
          trainingId: created.id,
          kind: created.kind,
          name: created.name,
          startsOn: created.startsOn,
          endsOn: created.endsOn,
          validMonths: created.validMonths,
        }),
      ],
    };
  });
}
