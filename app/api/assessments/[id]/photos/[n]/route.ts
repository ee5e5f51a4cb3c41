import { assessmentPhoto } from '@/server/assessments/photos';
import { actingFor, respond } from '@/server/http';

/** One photo of an assessment, for staff of the incident's province and the volunteer who took it. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string; n: string }> },
): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id, n } = await params;
    const photo = await assessmentPhoto({ ctx, input: { assessmentId: id, n } });
    return new Response(new Uint8Array(photo.data), {
      headers: {
        'content-type': photo.contentType,
        'content-length': String(photo.data.byteLength),
        // A photo never changes under its number, but it is personal: no shared cache keeps it.
        'cache-control': 'private, max-age=86400',
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
