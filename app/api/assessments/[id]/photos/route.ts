import { addAssessmentPhoto, photoTooLarge } from '@/server/assessments/add-photo';
import { PHOTO_LIMITS } from '@/lib/situation';
import { actingFor, readBodyBytes, respond } from '@/server/http';

/**
 * One photo of an assessment as the raw body (JPEG, WebP or PNG, at most 400 KB), with the phone's
 * `Idempotency-Key` header: 201 `{ assessmentId, n, contentType, bytes, url }`.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const data = await readBodyBytes(request, PHOTO_LIMITS.maxBytes, photoTooLarge);
    const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
    const input = { assessmentId: id, idempotencyKey, data: new Uint8Array(data) };
    return Response.json(await addAssessmentPhoto({ ctx, input }), { status: 201 });
  });
}
