import { describeActor } from '@/server/auth/me';
import { getAppContext } from '@/server/context';
import { requireActor, respond } from '@/server/http';

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    return Response.json(await describeActor(ctx.db, actor), { headers: { 'cache-control': 'no-store' } });
  });
}
