import { getAppContext } from '@/server/context';
import { requestDeployment } from '@/server/deployments/request-deployment';
import { readJson, requireActor, respond } from '@/server/http';

/** A coordinator asks for N volunteers for an incident; every matching siaga volunteer gets the offer. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const created = await requestDeployment({ ctx: { ...ctx, actor }, input: await readJson(request) });
    return Response.json(created, { status: 201 });
  });
}
