import { actingFor, query, readJson, respond } from '@/server/http';
import { createIncident } from '@/server/incidents/create-incident';
import { listIncidents } from '@/server/incidents/queries';

/** A province's incidents with their running requests: `?provinceCode=62&includeClosed=true`. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = new URL(request.url).searchParams;
    const input = {
      provinceCode: query.text(params, 'provinceCode'),
      includeClosed: query.boolean(params, 'includeClosed'),
    };
    return Response.json(await listIncidents({ ctx, input }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

/** A coordinator registers an incident in a kabupaten/kota of its scope. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const incident = await createIncident({ ctx, input: await readJson(request) });
    return Response.json(incident, { status: 201 });
  });
}
