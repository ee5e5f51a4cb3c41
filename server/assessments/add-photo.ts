import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { assessmentPhotos, assessments } from '../../db/schema';
import {
  ASSESSMENT_EVENTS,
  AddAssessmentPhoto,
  PHOTO_LIMITS,
  PHOTO_TOO_LARGE,
  photoUrl,
  type PhotoAnswer,
  type PhotoType,
} from '../../lib/situation';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { BodyTooLarge } from '../http';
import { assertIncidentOpen, lockIncident } from '../incidents/access';
import { situationEvent } from './access';

export const photoTooLarge = () => new BodyTooLarge(PHOTO_LIMITS.maxBytes, PHOTO_TOO_LARGE);

/** The image type the bytes themselves announce (their magic numbers), whatever the sender declared. */
export function photoTypeOf(data: Uint8Array): PhotoType | null {
  const starts = (bytes: number[], at = 0) => bytes.every((byte, i) => data[at + i] === byte);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

const uploadKeyOf = (userId: string, key: string) =>
  `${userId}:${createHash('sha256').update(key).digest('base64url')}`;

const answerOf = (row: { assessmentId: string; n: number; contentType: string; bytes: number }): PhotoAnswer => ({
  assessmentId: row.assessmentId,
  n: row.n,
  contentType: row.contentType as PhotoType,
  bytes: row.bytes,
  url: photoUrl(row.assessmentId, row.n),
});

/**
 * Adds one photo (JPEG, WebP or PNG by its bytes, at most 400 KB) to an assessment, up to 3; the volunteer
 * who sent the assessment or a coordinator in scope adds it, and a resend with the same key is the same photo.
 */
export async function addAssessmentPhoto({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<PhotoAnswer> {
  const { assessmentId, idempotencyKey, data } = parseInput(AddAssessmentPhoto, input);
  if (data.byteLength > PHOTO_LIMITS.maxBytes) throw photoTooLarge();
  const uploadKey = idempotencyKey ? uploadKeyOf(ctx.actor.userId, idempotencyKey) : null;
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const [found] = await tx.select().from(assessments).where(eq(assessments.id, assessmentId)).limit(1);
    if (!found) throw new DomainError('NOT_FOUND', 'Kaji cepat tidak ditemukan.');
    const incident = await lockIncident(tx, found.incidentId);
    if (ctx.actor.role === 'volunteer') {
      if (found.volunteerId !== ctx.actor.volunteerId) {
        throw new DomainError('FORBIDDEN', 'Foto hanya dapat ditambahkan pada kaji cepat yang Anda kirim sendiri.');
      }
    } else {
      requireCoordinatorFor(ctx.actor, incident);
    }
    assertIncidentOpen(incident, 'menambah foto kaji cepat');
    if (data.byteLength === 0) throw new DomainError('INVALID', 'Tidak ada foto yang dikirim: isi permintaan kosong.');
    const contentType = photoTypeOf(data);
    if (!contentType) {
      throw new DomainError(
        'INVALID',
        'Berkas ini bukan foto JPEG, WebP atau PNG. Pilih foto dari kamera atau galeri.',
      );
    }
    // One writer per assessment at a time: the count and the resend check below stay true until commit.
    await tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.id, assessmentId))
      .for('no key update');

    if (uploadKey) {
      const [sent] = await tx
        .select()
        .from(assessmentPhotos)
        .where(and(eq(assessmentPhotos.assessmentId, assessmentId), eq(assessmentPhotos.uploadKey, uploadKey)));
      if (sent) return { result: answerOf(sent), events: [] };
    }
    const [{ last } = { last: 0 }] = await tx
      .select({ last: sql<number>`coalesce(max(${assessmentPhotos.n}), 0)::int` })
      .from(assessmentPhotos)
      .where(eq(assessmentPhotos.assessmentId, assessmentId));
    if (last >= PHOTO_LIMITS.perAssessment) {
      throw new DomainError(
        'CONFLICT',
        `Kaji cepat ini sudah punya ${PHOTO_LIMITS.perAssessment} foto, batasnya. Kirim kaji cepat baru untuk foto lain.`,
      );
    }
    const [row] = await tx
      .insert(assessmentPhotos)
      .values({
        assessmentId,
        n: last + 1,
        contentType,
        bytes: data.byteLength,
        data: Buffer.from(data),
        uploadKey,
        uploadedBy: ctx.actor.userId,
        volunteerId: ctx.actor.role === 'volunteer' ? ctx.actor.volunteerId : null,
        createdAt: now,
      })
      .returning({
        assessmentId: assessmentPhotos.assessmentId,
        n: assessmentPhotos.n,
        contentType: assessmentPhotos.contentType,
        bytes: assessmentPhotos.bytes,
      });
    return {
      result: answerOf(row!),
      events: [
        situationEvent(
          incident,
          ASSESSMENT_EVENTS.photoAdded,
          { assessmentId, n: row!.n, bytes: row!.bytes, contentType },
          ctx.actor.role === 'volunteer' ? ctx.actor.volunteerId : null,
        ),
      ],
    };
  });
}
