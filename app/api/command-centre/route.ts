import { commandCentreLive } from '@/server/command-centre/queries';
import { actingFor, query, respond } from '@/server/http';

/** The command centre beside the map: `?wilayah=62` (or `nasional`): incidents, requests, lines, activity. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = new URL(request.url).searchParams;
    const live = await commandCentreLive({ ctx, input: { wilayah: query.text(params, 'wilayah') } });
    return Response.json(live, { headers: { 'cache-control': 'no-store' } });
  });
}
