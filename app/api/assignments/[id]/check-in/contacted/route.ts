import { markContacted } from '@/server/operations/mark-contacted';
import { actingFor, readJsonWith, respond } from '@/server/http';

/** "Sudah dihubungi": a coordinator reached a late or silent volunteer (`{ "note": "…" }`). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { assignmentId: id });
    return Response.json(await markContacted({ ctx, input }));
  });
}
