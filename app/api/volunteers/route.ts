import { actingFor, respond } from '@/server/http';
import { rosterPage } from '@/server/volunteers/roster';

/** The roster of the coordinator's scope: `?regencyCode=62.03&search=budi&page=1&pageSize=50`. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await rosterPage(ctx.db, ctx.actor, params, ctx.now()), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
