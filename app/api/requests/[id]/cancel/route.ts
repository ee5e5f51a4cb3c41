import { getAppContext } from '@/server/context';
import { cancelRequest } from '@/server/deployments/cancel-request';
import { readJsonWith, requireActor, respond } from '@/server/http';

/** Calls a whole request off (`{ "reason"?: "…" }`): waiting offers and running assignments are cancelled. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const { id } = await params;
    const input = await readJsonWith(request, { requestId: id });
    return Response.json(await cancelRequest({ ctx: { ...ctx, actor }, input }));
  });
}
