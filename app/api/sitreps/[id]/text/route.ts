import { actingFor, respond } from '@/server/http';
import { getSitrep } from '@/server/sitreps/queries';
import { sitrepText } from '@/server/sitreps/report-text';

/** The report as plain text, ready to paste into WhatsApp. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const sitrep = await getSitrep({ ctx, input: { sitrepId: id } });
    return new Response(sitrepText(sitrep), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  });
}
