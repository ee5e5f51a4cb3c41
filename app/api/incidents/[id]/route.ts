import { actingFor, readJsonWith, respond } from '@/server/http';
import { getIncident } from '@/server/incidents/queries';
import { updateIncident } from '@/server/incidents/update-incident';

type Params = { params: Promise<{ id: string }> };

/** One incident with its deployment requests and their counts by assignment status. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await getIncident({ ctx, input: { incidentId: id } }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

/** Corrects an open incident: only the fields sent change (`null` clears the kecamatan or the point). */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { incidentId: id });
    return Response.json(await updateIncident({ ctx, input }));
  });
}
