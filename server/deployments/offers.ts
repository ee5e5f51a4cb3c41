import type { Transaction } from '../../db/client';
import { assignments, requestWaves, type DeploymentRequest, type Incident, type NewEventRow } from '../../db/schema';
import { ASSIGNMENT_EVENTS } from '../../lib/dispatch';
import { assignmentEvent } from './access';

const OFFERS_PER_INSERT = 1_000;

/**
 * Offers the request to each volunteer, one `assignment.offered` event each. A volunteer who already has
 * an offer on the request is skipped (the unique request+volunteer index), so a repeated wave offers no
 * one twice; returns the events of the offers actually made.
 */
export async function insertOffers(
  tx: Transaction,
  request: DeploymentRequest,
  incident: Incident,
  people: { id: string; regencyCode: string }[],
  now: Date,
): Promise<NewEventRow[]> {
  const events: NewEventRow[] = [];
  for (let start = 0; start < people.length; start += OFFERS_PER_INSERT) {
    const batch = people.slice(start, start + OFFERS_PER_INSERT);
    const offers = await tx
      .insert(assignments)
      .values(
        batch.map((volunteer) => ({
          requestId: request.id,
          volunteerId: volunteer.id,
          offeredAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing({ target: [assignments.requestId, assignments.volunteerId] })
      .returning({ id: assignments.id, volunteerId: assignments.volunteerId });
    const homeOf = new Map(batch.map((volunteer) => [volunteer.id, volunteer.regencyCode]));
    for (const offer of offers) {
      events.push(
        assignmentEvent(
          {
            volunteerId: offer.volunteerId,
            provinceCode: incident.provinceCode,
            regencyCode: homeOf.get(offer.volunteerId)!,
            incidentId: incident.id,
          },
          ASSIGNMENT_EVENTS.offered,
          { requestId: request.id, assignmentId: offer.id },
        ),
      );
    }
  }
  return events;
}

/** Records a wave (its number is the primary key with the request: the same wave cannot be recorded twice). */
export async function recordWave(
  tx: Transaction,
  requestId: string,
  number: number,
  offered: number,
  now: Date,
): Promise<void> {
  await tx.insert(requestWaves).values({ requestId, number, offered, offeredAt: now });
}
