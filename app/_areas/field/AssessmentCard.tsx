'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { SubmitAssessment } from '@/lib/situation';
import type { PlaceChoice } from '@/server/assessments/places';
import type { VolunteerAssignment } from '@/server/deployments/queries';
import { AssessmentForm, type AssessmentDraft, type DraftOutcome } from '@/app/_shared/AssessmentForm';
import { getSocket } from '@/app/_shared/socket';
import { newIdempotencyKey } from './field-worker';
import { outbox } from './outbox';
import { PhotoPicker } from './PhotoPicker';

/** zod's issues as `{ field: [messages] }`, so the phone marks a field before anything is queued. */
function detailsOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of issues) (details[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return details;
}

/**
 * A rapid assessment from a volunteer on site. Checked on the phone with the server's own schema, then
 * kept in the outbox (IndexedDB) and sent with its idempotency key, at once or when the signal returns.
 */
export function AssessmentCard({
  item,
  places,
  readPosition,
}: {
  item: VolunteerAssignment;
  places: PlaceChoice[];
  readPosition: () => Promise<{ lat: number; lng: number } | null>;
}) {
  const t = useTranslations('situation.form');
  const headingId = `kaji-${item.assignment.id}`;
  const [photos, setPhotos] = useState<Blob[]>([]);

  async function submit(draft: AssessmentDraft): Promise<DraftOutcome> {
    const place = draft.withPosition ? await readPosition() : null;
    const input = { ...draft.input, incidentId: item.incident.id, ...(place ?? {}) };
    const checked = SubmitAssessment.safeParse(input);
    if (!checked.success) return { ok: false, error: t('invalid'), details: detailsOf(checked.error.issues) };
    const online = getSocket().connected;
    const assessmentKey = newIdempotencyKey();
    await outbox.enqueue({
      kind: 'assessment',
      input: { ...input, idempotencyKey: assessmentKey },
      placeName: draft.placeName,
      incidentTitle: item.incident.title,
    });
    // The photos follow the assessment in the outbox, each with its own key, so they arrive after it.
    for (const [index, photo] of photos.entries()) {
      await outbox.enqueue({
        kind: 'photo',
        assessmentKey,
        idempotencyKey: newIdempotencyKey(),
        photo,
        n: index + 1,
        placeName: draft.placeName,
        incidentTitle: item.incident.title,
      });
    }
    setPhotos([]);
    return { ok: true, message: t(online ? 'saved' : 'queued', { place: draft.placeName }) };
  }

  return (
    <section className="card" aria-labelledby={headingId} data-testid="assessment-card">
      <h2 id={headingId}>
        {t('title')} · {item.incident.title}
      </h2>
      <AssessmentForm
        places={places}
        offerPosition
        onSubmit={submit}
        extra={<PhotoPicker photos={photos} onChange={setPhotos} />}
      />
    </section>
  );
}
