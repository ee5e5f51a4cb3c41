import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assessmentPhotos } from '../../../db/schema';
import { PHOTO_LIMITS } from '../../../lib/situation';
import { addAssessmentPhoto } from '../../../server/assessments/add-photo';
import { computeFigures } from '../../../server/assessments/figures';
import { assessmentPhoto } from '../../../server/assessments/photos';
import { submitAssessment } from '../../../server/assessments/submit-assessment';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { reportStatus } from '../../../server/deployments/report-status';
import { BodyTooLarge } from '../../../server/http';
import { eraseVolunteer } from '../../../server/privacy/erase-volunteer';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, addIncident, eventCount, expectDomainError, openRequest } from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

const KAPUAS = '62.03';
const SELAT = '62.03.01';

/** Bytes that start like a real file of that kind, padded to `size`. */
function photoBytes(kind: 'jpeg' | 'png' | 'webp' | 'gif' | 'text', size = 20_000): Uint8Array {
  const bytes = new Uint8Array(size).map((_, i) => (i * 31) % 251);
  const head = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    webp: [...'RIFF']
      .map((c) => c.charCodeAt(0))
      .concat(
        [0, 0, 0, 0],
        [...'WEBP'].map((c) => c.charCodeAt(0)),
      ),
    gif: [...'GIF89a'].map((c) => c.charCodeAt(0)),
    text: [...'<svg xmlns="http://www.w3.org/2000/svg">'].map((c) => c.charCodeAt(0)),
  }[kind];
  bytes.set(head);
  return bytes;
}

const kalteng = () => actorContext(handle, actors.coordinator('62'));

async function newAssessment() {
  const incident = await addIncident(handle, KAPUAS);
  const assessment = await submitAssessment({
    ctx: kalteng(),
    input: { incidentId: incident.id, districtCode: SELAT, displacedFamilies: 3, displacedPeople: 9 },
  });
  return { incident, assessment };
}

describe('photos of an assessment', () => {
  it('keeps up to 3 photos with the type their bytes show; a 4th, a foreign type and an oversized one are refused', async () => {
    const { incident, assessment } = await newAssessment();
    const ctx = kalteng();
    const first = await addAssessmentPhoto({
      ctx,
      input: { assessmentId: assessment.id, data: photoBytes('jpeg'), idempotencyKey: 'foto-1' },
    });
    expect(first).toMatchObject({ n: 1, contentType: 'image/jpeg', bytes: 20_000 });
    expect(first.url).toBe(`/api/assessments/${assessment.id}/photos/1`);
    expect(ctx.published.map((event) => event.type)).toEqual(['assessment.photo_added']);
    const second = await addAssessmentPhoto({ ctx, input: { assessmentId: assessment.id, data: photoBytes('webp') } });
    expect(second).toMatchObject({ n: 2, contentType: 'image/webp' });
    const third = await addAssessmentPhoto({ ctx, input: { assessmentId: assessment.id, data: photoBytes('png') } });
    expect(third).toMatchObject({ n: 3, contentType: 'image/png' });

    const other = await newAssessment();
    const before = await eventCount(handle.db);
    const fourth = await expectDomainError(
      addAssessmentPhoto({ ctx, input: { assessmentId: assessment.id, data: photoBytes('jpeg') } }),
      'CONFLICT',
    );
    expect(fourth.message).toContain('sudah punya 3 foto');

    // The type comes from the bytes: a GIF or an SVG is refused whatever the sender declared.
    for (const kind of ['gif', 'text'] as const) {
      const refused = await expectDomainError(
        addAssessmentPhoto({ ctx, input: { assessmentId: other.assessment.id, data: photoBytes(kind) } }),
        'INVALID',
      );
      expect(refused.message).toContain('bukan foto JPEG, WebP atau PNG');
    }
    await expectDomainError(
      addAssessmentPhoto({ ctx, input: { assessmentId: other.assessment.id, data: new Uint8Array(0) } }),
      'INVALID',
    );
    const tooLarge = await addAssessmentPhoto({
      ctx,
      input: { assessmentId: other.assessment.id, data: photoBytes('jpeg', PHOTO_LIMITS.maxBytes + 1) },
    }).catch((error: unknown) => error);
    expect(tooLarge).toBeInstanceOf(BodyTooLarge);
    expect((tooLarge as Error).message).toContain('400 KB');
    expect(await eventCount(handle.db)).toBe(before);

    // The stored photo is the bytes sent, with its type; the figures count it on its place.
    const stored = await assessmentPhoto({ ctx, input: { assessmentId: assessment.id, n: '2' } });
    expect(stored.contentType).toBe('image/webp');
    expect(new Uint8Array(stored.data)).toEqual(photoBytes('webp'));
    const figures = await computeFigures(handle.db, incident.id);
    expect(figures.byDistrict[0]!.places[0]!.photos).toBe(3);
    await expectDomainError(assessmentPhoto({ ctx, input: { assessmentId: other.assessment.id, n: 1 } }), 'NOT_FOUND');
    await expectDomainError(assessmentPhoto({ ctx, input: { assessmentId: assessment.id, n: 4 } }), 'INVALID');
  });

  it('a resent upload with the same key counts once', async () => {
    const { assessment } = await newAssessment();
    const ctx = kalteng();
    const input = { assessmentId: assessment.id, data: photoBytes('jpeg'), idempotencyKey: 'foto-ulang' };
    const sent = await addAssessmentPhoto({ ctx, input });
    const events = await eventCount(handle.db);
    const again = await addAssessmentPhoto({ ctx, input });
    expect(again).toEqual(sent);
    expect(await eventCount(handle.db)).toBe(events);
    const rows = await handle.db
      .select({ n: assessmentPhotos.n })
      .from(assessmentPhotos)
      .where(eq(assessmentPhotos.assessmentId, assessment.id));
    expect(rows).toEqual([{ n: 1 }]);
    // Another key is another photo.
    expect((await addAssessmentPhoto({ ctx, input: { ...input, idempotencyKey: 'foto-lain' } })).n).toBe(2);
  });

  it('only staff of the province and the volunteer who took a photo see it; only the assessor and coordinators in scope add', async () => {
    const { assessment } = await newAssessment();
    const jabar = actorContext(handle, actors.coordinator('32'));
    const before = await eventCount(handle.db);
    await expectDomainError(
      addAssessmentPhoto({ ctx: jabar, input: { assessmentId: assessment.id, data: photoBytes('jpeg') } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      addAssessmentPhoto({
        ctx: actorContext(handle, actors.coordinator('62', '62.06')),
        input: { assessmentId: assessment.id, data: photoBytes('jpeg') },
      }),
      'FORBIDDEN',
    );
    await expectDomainError(
      addAssessmentPhoto({
        ctx: actorContext(handle, actors.leader('62')),
        input: { assessmentId: assessment.id, data: photoBytes('jpeg') },
      }),
      'FORBIDDEN',
    );
    expect(await eventCount(handle.db)).toBe(before);

    // A volunteer on site sends an assessment and its photo from the phone.
    const { incident, crew } = await openRequest(handle, { regencyCode: KAPUAS, slots: 2, offered: 2 });
    const [taker, colleague] = crew;
    const phone = actorContext(handle, actors.volunteer(taker!.volunteer));
    const otherPhone = actorContext(handle, actors.volunteer(colleague!.volunteer));
    for (const [ctx, member] of [
      [phone, taker!],
      [otherPhone, colleague!],
    ] as const) {
      await acceptOffer({ ctx, input: { assignmentId: member.offer.id } });
      await reportStatus({ ctx, input: { assignmentId: member.offer.id, status: 'en_route', from: 'accepted' } });
      await reportStatus({ ctx, input: { assignmentId: member.offer.id, status: 'on_site', from: 'en_route' } });
    }
    const own = await submitAssessment({
      ctx: phone,
      input: { incidentId: incident.id, districtCode: SELAT, housesFlooded: 4, idempotencyKey: 'kaji-foto' },
    });
    await expectDomainError(
      addAssessmentPhoto({ ctx: otherPhone, input: { assessmentId: own.id, data: photoBytes('jpeg') } }),
      'FORBIDDEN',
    );
    await addAssessmentPhoto({
      ctx: phone,
      input: { assessmentId: own.id, data: photoBytes('jpeg'), idempotencyKey: 'f' },
    });
    const ref = { assessmentId: own.id, n: 1 };
    expect((await assessmentPhoto({ ctx: phone, input: ref })).contentType).toBe('image/jpeg');
    expect(
      (await assessmentPhoto({ ctx: actorContext(handle, actors.leader('62')), input: ref })).data.byteLength,
    ).toBe(20_000);
    expect((await assessmentPhoto({ ctx: kalteng(), input: ref })).data.byteLength).toBe(20_000);
    await expectDomainError(assessmentPhoto({ ctx: otherPhone, input: ref }), 'FORBIDDEN');
    await expectDomainError(assessmentPhoto({ ctx: jabar, input: ref }), 'FORBIDDEN');
    await expectDomainError(
      assessmentPhoto({ ctx: actorContext(handle, actors.leader('32')), input: ref }),
      'FORBIDDEN',
    );
    // The volunteer may not add to a coordinator's assessment.
    await expectDomainError(
      addAssessmentPhoto({ ctx: phone, input: { assessmentId: assessment.id, data: photoBytes('jpeg') } }),
      'FORBIDDEN',
    );

    // Erasing the volunteer removes the photos it took; the assessment's figures stay.
    await reportStatus({ ctx: phone, input: { assignmentId: taker!.offer.id, status: 'completed', from: 'on_site' } });
    const erased = await eraseVolunteer({
      ctx: actorContext(handle, actors.admin()),
      input: { volunteerId: taker!.volunteer.id, reason: 'Permintaan tertulis' },
    });
    expect(erased.reference).toContain('Relawan terhapus');
    await expectDomainError(assessmentPhoto({ ctx: kalteng(), input: ref }), 'NOT_FOUND');
    const figures = await computeFigures(handle.db, incident.id);
    expect(figures.totals.housesFlooded).toBe(4);
    expect(figures.byDistrict[0]!.places[0]!.photos).toBe(0);
  });
});
