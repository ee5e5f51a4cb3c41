import { askProvinces } from '@/server/province-asks/ask-provinces';
import { listProvinceAsks } from '@/server/province-asks/queries';
import { actingFor, query, readJson, respond } from '@/server/http';

/** `?incidentId=` optional → the asks the actor's province made (`outgoing`) and received (`incoming`). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const input = { incidentId: query.text(new URL(request.url).searchParams, 'incidentId') };
    return Response.json(await listProvinceAsks({ ctx, input }), { headers: { 'cache-control': 'no-store' } });
  });
}

/** A province coordinator asks another province (the admin: several) for volunteers for an incident. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const asks = await askProvinces({ ctx, input: await readJson(request) });
    return Response.json(
      { asks: asks.map(({ id, toProvinceCode, status }) => ({ id, toProvinceCode, status })) },
      { status: 201 },
    );
  });
}
