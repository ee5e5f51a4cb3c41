import { cancelAssignment } from '@/server/deployments/cancel-assignment';
import { actingFor, readJsonWith, respond } from '@/server/http';

/** A coordinator calls one offer or assignment off before it is completed (`{ "reason"?: "…" }`). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { assignmentId: id });
    return Response.json(await cancelAssignment({ ctx, input }));
  });
}
