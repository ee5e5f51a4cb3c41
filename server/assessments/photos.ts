import { and, eq } from 'drizzle-orm';
import { assessmentPhotos, assessments, incidents } from '../../db/schema';
import { AssessmentPhotoRef, type PhotoType } from '../../lib/situation';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { requireIncidentViewer } from '../incidents/queries';

export interface StoredPhoto {
  contentType: PhotoType;
  data: Buffer;
}

const NOT_FOUND = 'Foto kaji cepat tidak ditemukan.';

/**
 * `GET /api/assessments/{id}/photos/{n}`: for the coordinators and leaders of the incident's province, and
 * for the volunteer who took it; nobody else learns that it exists.
 */
export async function assessmentPhoto({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<StoredPhoto> {
  const { assessmentId, n } = parseInput(AssessmentPhotoRef, input);
  const [row] = await ctx.db
    .select({
      contentType: assessmentPhotos.contentType,
      data: assessmentPhotos.data,
      volunteerId: assessmentPhotos.volunteerId,
      provinceCode: incidents.provinceCode,
    })
    .from(assessmentPhotos)
    .innerJoin(assessments, eq(assessments.id, assessmentPhotos.assessmentId))
    .innerJoin(incidents, eq(incidents.id, assessments.incidentId))
    .where(and(eq(assessmentPhotos.assessmentId, assessmentId), eq(assessmentPhotos.n, n)))
    .limit(1);
  if (!row) throw new DomainError('NOT_FOUND', NOT_FOUND);
  if (ctx.actor.role === 'volunteer') {
    if (row.volunteerId !== ctx.actor.volunteerId) {
      throw new DomainError('FORBIDDEN', 'Foto ini hanya untuk koordinator dan relawan yang mengambilnya.');
    }
  } else {
    requireIncidentViewer(ctx.actor, row.provinceCode);
  }
  return { contentType: row.contentType as PhotoType, data: Buffer.from(row.data) };
}
