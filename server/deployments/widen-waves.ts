import { and, asc, eq, inArray, isNotNull, lte, max, notExists } from 'drizzle-orm';
import {
  assignments,
  deploymentRequests,
  incidents,
  requestWaves,
  volunteers,
  type NewEventRow,
} from '../../db/schema';
import { REQUEST_EVENTS } from '../../lib/dispatch';
import type { DomainContext } from '../context';
import { commitWithEvents } from '../events/commit';
import { incidentEvent } from '../incidents/access';
import { deadlineDay, incidentOrigin, matchesCriteria, nearestFirst } from './matching';
import { offerWave, recordWave } from './offers';

/**
 * The wave sweep: each open request in waves whose next wave is due and still has places offers the next
 * slots × k nearest matches who have no offer on it yet. It reads only the database (the due time is a
 * column, the request row is locked, offers and waves are unique), so a restart or a second sweep catches
 * up without offering anyone twice.
 */
export async function widenWaves({
  ctx,
  now,
}: {
  ctx: DomainContext;
  now: Date;
}): Promise<{ widened: number; offered: number }> {
  return commitWithEvents(ctx, async (tx) => {
    const due = await tx
      .select({ request: deploymentRequests, incident: incidents })
      .from(deploymentRequests)
      .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
      .where(and(isNotNull(deploymentRequests.nextWaveAt), lte(deploymentRequests.nextWaveAt, now)))
      .orderBy(asc(deploymentRequests.nextWaveAt))
      .for('no key update', { of: deploymentRequests });

    const events: NewEventRow[] = [];
    let widened = 0;
    let offered = 0;
    for (const { request, incident } of due) {
      const factor = request.waveFactor ?? 1;
      const everyMs = (request.waveMinutes ?? 0) * 60_000;
      // A filled request waits: should a place come free again, the next wave is still due.
      if (request.status === 'filled') continue;
      if (request.status !== 'open' || incident.phase === 'closed') {
        await tx.update(deploymentRequests).set({ nextWaveAt: null }).where(eq(deploymentRequests.id, request.id));
        continue;
      }
      const validOn = request.trainingId ? await deadlineDay(tx, incident.provinceCode, request.deadline) : '';
      const criteria = {
        pillarCodes: request.pillarCodes,
        skill: request.skill ?? undefined,
        trainingId: request.trainingId ?? undefined,
      };
      const notOffered = notExists(
        tx
          .select({ id: assignments.id })
          .from(assignments)
          .where(and(eq(assignments.requestId, request.id), eq(assignments.volunteerId, volunteers.id))),
      );
      const ranked = await nearestFirst(
        tx,
        and(
          matchesCriteria(criteria, validOn),
          inArray(volunteers.regencyCode, request.sourceRegencyCodes),
          notOffered,
        )!,
        await incidentOrigin(tx, incident),
      );
      const wave = ranked.slice(0, request.slots * factor);
      const [last] = await tx
        .select({ number: max(requestWaves.number) })
        .from(requestWaves)
        .where(eq(requestWaves.requestId, request.id));
      const number = (last?.number ?? 0) + 1;
      const offers = await offerWave(
        tx,
        request,
        incident,
        { volunteerIds: wave.map((volunteer) => volunteer.id) },
        number,
        now,
      );
      if (offers.event) {
        await recordWave(tx, request.id, number, offers.offered, now);
        events.push(
          incidentEvent(incident, REQUEST_EVENTS.widened, {
            requestId: request.id,
            wave: number,
            offered: offers.offered,
          }),
          offers.event,
        );
        widened += 1;
        offered += offers.offered;
      }
      const more = ranked.length > wave.length;
      await tx
        .update(deploymentRequests)
        .set({ nextWaveAt: more ? new Date(now.getTime() + everyMs) : null, updatedAt: now })
        .where(eq(deploymentRequests.id, request.id));
    }
    return { result: { widened, offered }, events };
  });
}
