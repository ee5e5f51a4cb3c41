import { resolveCheckIn } from '@/server/operations/resolve-check-in';
import { actingFor, readJsonWith, respond } from '@/server/http';

/** A coordinator closes a check-in alarm once the volunteer is known safe (`{ "note"?: "…" }`). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { assignmentId: id });
    return Response.json(await resolveCheckIn({ ctx, input }));
  });
}
