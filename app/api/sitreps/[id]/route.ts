import { actingFor, respond } from '@/server/http';
import { getSitrep } from '@/server/sitreps/queries';

/** One Laporan Situasi as issued: its number, sections and the frozen figures. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await getSitrep({ ctx, input: { sitrepId: id } }));
  });
}
