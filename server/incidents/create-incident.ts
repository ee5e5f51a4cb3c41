import { incidents, type Incident } from '../../db/schema';
import { CreateIncident, INCIDENT_EVENTS } from '../../lib/dispatch';
import { INCIDENT_TYPE_LABELS } from '../../lib/domain';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { assertNotInFuture, districtInRegency, findRegency, incidentEvent } from './access';

/** A coordinator registers an incident in a kabupaten/kota of their scope; it starts "dilaporkan". */
export async function createIncident({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Incident> {
  const data = parseInput(CreateIncident, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const regency = await findRegency(tx, data.regencyCode);
    if (!regency) {
      throw new DomainError('INVALID', 'Kabupaten/kota tidak dikenal.', {
        regencyCode: [`Tidak ada kabupaten/kota dengan kode ${data.regencyCode}.`],
      });
    }
    requireCoordinatorFor(ctx.actor, { provinceCode: regency.provinceCode, regencyCode: regency.code });
    const district = data.districtCode ? await districtInRegency(tx, data.districtCode, regency) : null;
    const occurredAt = data.occurredAt ?? now;
    assertNotInFuture(occurredAt, now);

    const where = district ? `Kec. ${district.name}, ${regency.name}` : regency.name;
    const [incident] = await tx
      .insert(incidents)
      .values({
        type: data.type,
        title: data.title ?? `${INCIDENT_TYPE_LABELS[data.type]} di ${where}`,
        severity: data.severity,
        provinceCode: regency.provinceCode,
        regencyCode: regency.code,
        districtCode: district?.code ?? null,
        lat: data.lat ?? null,
        lng: data.lng ?? null,
        description: data.description,
        needs: data.needs,
        occurredAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const created = incident!;
    return {
      result: created,
      events: [
        incidentEvent(created, INCIDENT_EVENTS.reported, {
          type: created.type,
          title: created.title,
          severity: created.severity,
          districtCode: created.districtCode,
          by: ctx.actor.userId,
        }),
      ],
    };
  });
}
