import { eq } from 'drizzle-orm';
import { assessments, districts } from '../../db/schema';
import type { AssessmentAnswer } from '../../lib/situation';
import { ASSESSMENT_EVENTS, VerifyAssessment } from '../../lib/situation';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { assertIncidentOpen, lockIncident } from '../incidents/access';
import { situationEvent } from './access';
import { assessmentAnswer, placeLabel } from './submit-assessment';

/**
 * A coordinator in the incident's scope verifies an unverified assessment, or rejects it with a reason;
 * a rejected one leaves the figures and the place's previous assessment counts again.
 */
export async function verifyAssessment({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<AssessmentAnswer> {
  const { assessmentId, verified, reason } = parseInput(VerifyAssessment, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const [found] = await tx.select().from(assessments).where(eq(assessments.id, assessmentId)).limit(1);
    if (!found) throw new DomainError('NOT_FOUND', 'Kaji cepat tidak ditemukan.');
    const incident = await lockIncident(tx, found.incidentId);
    requireCoordinatorFor(ctx.actor, incident);
    assertIncidentOpen(incident, 'pemeriksaan kaji cepat');
    const [current] = await tx.select().from(assessments).where(eq(assessments.id, assessmentId)).for('no key update');
    if (current!.status !== 'unverified') {
      throw new DomainError(
        'CONFLICT',
        current!.status === 'verified'
          ? 'Kaji cepat ini sudah disahkan.'
          : 'Kaji cepat ini sudah ditolak; minta pelapor mengirim kaji cepat baru.',
      );
    }
    const [row] = await tx
      .update(assessments)
      .set({
        status: verified ? 'verified' : 'rejected',
        reviewReason: reason ?? null,
        reviewedBy: ctx.actor.userId,
        reviewedAt: now,
      })
      .where(eq(assessments.id, assessmentId))
      .returning();
    const [district] = await tx
      .select({ name: districts.name })
      .from(districts)
      .where(eq(districts.code, row!.districtCode));
    const placeName = placeLabel(row!.villageName, district?.name ?? row!.districtCode);
    return {
      result: assessmentAnswer(row!, placeName),
      events: [
        situationEvent(incident, verified ? ASSESSMENT_EVENTS.verified : ASSESSMENT_EVENTS.rejected, {
          assessmentId,
          districtCode: row!.districtCode,
          villageCode: row!.villageCode,
          ...(reason ? { reason } : {}),
        }),
      ],
    };
  });
}
