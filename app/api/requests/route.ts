import { requestDeployment } from '@/server/deployments/request-deployment';
import { actingFor, readJson, respond } from '@/server/http';

/** A coordinator asks for N volunteers for an incident; every matching siaga volunteer gets the offer. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const created = await requestDeployment({ ctx, input: await readJson(request) });
    return Response.json(created, { status: 201 });
  });
}
