import { and, asc, inArray } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import {
  assignments,
  deploymentRequests,
  regencies,
  volunteers,
  type DeploymentRequest,
  type Incident,
  type NewEventRow,
} from '../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS, RequestDeployment } from '../../lib/dispatch';
import { requireCoordinatorFor, type Actor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { assertIncidentOpen, incidentEvent, lockIncident } from '../incidents/access';
import { assertDeadline, assignmentEvent } from './access';
import { checkCriteria, deadlineDay, matchesCriteria } from './matching';

const OFFERS_PER_INSERT = 1_000;

/**
 * A coordinator asks for N volunteers for an incident and every matching "Siaga" volunteer of the
 * source kabupaten/kota gets an offer at once. Sources lie in the incident's province. A kabupaten
 * coordinator asks only its own kabupaten: help from other kabupaten is the province's call.
 */
export async function requestDeployment({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ request: DeploymentRequest; offered: number }> {
  const data = parseInput(RequestDeployment, input);
  const now = ctx.now();
  assertDeadline(data.deadline, now);

  return commitWithEvents(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId);
    requireCoordinatorFor(ctx.actor, incident);
    requireOwnSources(ctx.actor, data.sourceRegencyCodes);
    assertIncidentOpen(incident, 'permintaan relawan baru');
    await checkSources(tx, data.sourceRegencyCodes, incident);
    await checkCriteria(tx, data, incident.provinceCode);
    // Only a required training looks at the calendar.
    const validOn = data.trainingId ? await deadlineDay(tx, incident.provinceCode, data.deadline) : '';

    const candidates = await tx
      .select({ id: volunteers.id, regencyCode: volunteers.regencyCode })
      .from(volunteers)
      .where(and(matchesCriteria(data, validOn), inArray(volunteers.regencyCode, data.sourceRegencyCodes)))
      .orderBy(asc(volunteers.id));
    if (candidates.length === 0) {
      throw new DomainError(
        'CONFLICT',
        'Tidak ada relawan siaga yang cocok di kabupaten/kota sumber (sertifikat pelatihan yang diminta harus masih berlaku pada batas waktu). Tambah kabupaten/kota atau pilar, atau hapus syarat keahlian/pelatihan.',
      );
    }

    const [request] = await tx
      .insert(deploymentRequests)
      .values({
        incidentId: incident.id,
        slots: data.slots,
        pillarCodes: data.pillarCodes,
        sourceRegencyCodes: data.sourceRegencyCodes,
        skill: data.skill ?? null,
        trainingId: data.trainingId ?? null,
        meetingPoint: data.meetingPoint,
        meetingLat: data.meetingLat ?? null,
        meetingLng: data.meetingLng ?? null,
        deadline: data.deadline,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const created = request!;

    const events: NewEventRow[] = [
      incidentEvent(incident, REQUEST_EVENTS.created, {
        requestId: created.id,
        slots: created.slots,
        pillarCodes: created.pillarCodes,
        sourceRegencyCodes: created.sourceRegencyCodes,
        skill: created.skill,
        trainingId: created.trainingId,
        deadline: created.deadline.toISOString(),
        offered: candidates.length,
        by: ctx.actor.userId,
      }),
    ];
    for (let start = 0; start < candidates.length; start += OFFERS_PER_INSERT) {
      const batch = candidates.slice(start, start + OFFERS_PER_INSERT);
      const offers = await tx
        .insert(assignments)
        .values(
          batch.map((volunteer) => ({
            requestId: created.id,
            volunteerId: volunteer.id,
            offeredAt: now,
            updatedAt: now,
          })),
        )
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
            { requestId: created.id, assignmentId: offer.id },
          ),
        );
      }
    }
    return { result: { request: created, offered: candidates.length }, events };
  });
}

/** A kabupaten coordinator sends only its own people; asking other kabupaten goes through the province. */
function requireOwnSources(actor: Actor, sourceRegencyCodes: string[]): void {
  if (actor.role !== 'coordinator' || actor.scope.regencyCode === null) return;
  const own = actor.scope.regencyCode;
  if (sourceRegencyCodes.some((code) => code !== own)) {
    throw new DomainError(
      'FORBIDDEN',
      'Koordinator kabupaten/kota hanya dapat meminta relawan dari wilayahnya sendiri; minta bantuan kabupaten/kota lain melalui koordinator provinsi.',
    );
  }
}

/** Every source is a known kabupaten/kota of the incident's province. */
async function checkSources(tx: Transaction, codes: string[], incident: Incident): Promise<void> {
  const known = await tx
    .select({ code: regencies.code, provinceCode: regencies.provinceCode })
    .from(regencies)
    .where(inArray(regencies.code, codes));
  const inProvince = new Set(known.filter((r) => r.provinceCode === incident.provinceCode).map((r) => r.code));
  const outside = codes.filter((code) => !inProvince.has(code));
  if (outside.length > 0) {
    throw new DomainError('INVALID', 'Ada kabupaten/kota sumber di luar provinsi kejadian.', {
      sourceRegencyCodes: [
        `Kabupaten/kota sumber harus berada di provinsi kejadian; tidak dapat dipakai: ${outside.join(', ')}.`,
      ],
    });
  }
}
