import { cancelRequest } from '@/server/deployments/cancel-request';
import { actingFor, readJsonWith, respond } from '@/server/http';

/** Calls a whole request off (`{ "reason"?: "…" }`): waiting offers and running assignments are cancelled. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { requestId: id });
    return Response.json(await cancelRequest({ ctx, input }));
  });
}
