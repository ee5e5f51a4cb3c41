import { getAppContext } from '@/server/context';
import { readJson, query, requireActor, respond } from '@/server/http';
import { createIncident } from '@/server/incidents/create-incident';
import { listIncidents } from '@/server/incidents/queries';

/** A province's incidents with their running requests: `?provinceCode=62&includeClosed=true`. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const params = new URL(request.url).searchParams;
    const input = {
      provinceCode: query.text(params, 'provinceCode'),
      includeClosed: query.boolean(params, 'includeClosed'),
    };
    return Response.json(await listIncidents({ ctx: { ...ctx, actor }, input }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

/** A coordinator registers an incident in a kabupaten/kota of its scope. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const incident = await createIncident({ ctx: { ...ctx, actor }, input: await readJson(request) });
    return Response.json(incident, { status: 201 });
  });
}
