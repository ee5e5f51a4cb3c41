import { describeActor } from '@/server/auth/me';
import { actingFor, respond } from '@/server/http';

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await describeActor(ctx.db, ctx.actor), { headers: { 'cache-control': 'no-store' } });
  });
}
