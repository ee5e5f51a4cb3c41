import { volunteerPosition } from '../privacy/set-consent';
import { assessments, type Assessment } from '../../db/schema';
import { ASSESSMENT_EVENTS, AssessmentAnswer, FIGURE_KEYS, SubmitAssessment } from '../../lib/situation';
import type { ActorContext } from '../auth/actor';
import { runPhoneCommand } from '../deployments/receipts';
import { parseInput } from '../errors';
import { assertIncidentOpen, districtInRegency, findRegency, lockIncident } from '../incidents/access';
import { requireAssessor, situationEvent } from './access';
import { villageOf } from './places';

/** "Sei Asam, Kec. Kapuas Murung", or "Kec. Kapuas Murung" for a kecamatan-wide assessment. */
export const placeLabel = (villageName: string | null, districtName: string) =>
  villageName ? `${villageName}, Kec. ${districtName}` : `Kec. ${districtName}`;

export function assessmentAnswer(row: Assessment, placeName: string): AssessmentAnswer {
  return {
    id: row.id,
    incidentId: row.incidentId,
    districtCode: row.districtCode,
    villageCode: row.villageCode,
    placeName,
    status: row.status as AssessmentAnswer['status'],
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Records a rapid assessment of one place of an open incident's kabupaten/kota; it supersedes the
 * place's earlier ones in the figures (they stay as history) and counts as unverified until reviewed.
 */
export async function submitAssessment({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<AssessmentAnswer> {
  const { idempotencyKey, ...fields } = parseInput(SubmitAssessment, input);
  const now = ctx.now();

  return runPhoneCommand(
    ctx,
    { name: 'assessment.submit', idempotencyKey, input: fields, answer: AssessmentAnswer },
    async (tx) => {
      const incident = await lockIncident(tx, fields.incidentId);
      await requireAssessor(tx, ctx.actor, incident);
      assertIncidentOpen(incident, 'kaji cepat baru');
      const regency = await findRegency(tx, incident.regencyCode);
      const district = await districtInRegency(tx, fields.districtCode, regency!);
      const village = fields.villageCode ? await villageOf(district.code, fields.villageCode) : null;

      // A volunteer's phone position goes with the assessment only with the volunteer's consent.
      const place =
        ctx.actor.role === 'volunteer' ? await volunteerPosition(tx, ctx.actor.volunteerId, fields) : fields;
      const [row] = await tx
        .insert(assessments)
        .values({
          ...fields,
          villageCode: village?.code ?? null,
          villageName: village?.name ?? null,
          lat: place?.lat ?? null,
          lng: place?.lng ?? null,
          shelter: fields.shelter ?? null,
          publicFacilities: fields.publicFacilities ?? null,
          needsText: fields.needsText ?? null,
          submittedBy: ctx.actor.userId,
          submitterName: ctx.actor.name,
          volunteerId: ctx.actor.role === 'volunteer' ? ctx.actor.volunteerId : null,
          createdAt: now,
        })
        .returning();
      const placeName = placeLabel(village?.name ?? null, district.name);
      const figures = Object.fromEntries(FIGURE_KEYS.map((key) => [key, row![key]]));
      return {
        result: assessmentAnswer(row!, placeName),
        events: [
          situationEvent(
            incident,
            ASSESSMENT_EVENTS.submitted,
            {
              assessmentId: row!.id,
              districtCode: district.code,
              villageCode: village?.code ?? null,
              placeName,
              figures,
            },
            ctx.actor.role === 'volunteer' ? ctx.actor.volunteerId : null,
          ),
        ],
      };
    },
  );
}
