import { getAppContext } from '@/server/context';
import { requireActor, respond } from '@/server/http';
import { rosterPage } from '@/server/volunteers/roster';

/** The roster of the coordinator's scope: `?regencyCode=62.03&search=budi&page=1&pageSize=50`. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await rosterPage(ctx.db, actor, params, ctx.now()), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
