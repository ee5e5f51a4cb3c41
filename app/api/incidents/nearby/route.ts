import { actingFor, query, respond } from '@/server/http';
import { nearbyIncidents } from '@/server/incidents/nearby-incidents';

/** Before registering: `?type=flood&regencyCode=62.03&lat=-2.1&lng=114.4` → running incidents that may be the same. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = new URL(request.url).searchParams;
    const input = {
      type: query.text(params, 'type'),
      regencyCode: query.text(params, 'regencyCode'),
      lat: query.decimal(params, 'lat'),
      lng: query.decimal(params, 'lng'),
    };
    return Response.json(await nearbyIncidents({ ctx, input }), { headers: { 'cache-control': 'no-store' } });
  });
}
