import { actingFor, respond } from '@/server/http';
import { accessRecordPage } from '@/server/privacy/access';

/** Who looked at whom: `?volunteerId`, `provinceCode`, `before` (the next page) → `{ entries, nextBefore }`. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await accessRecordPage(ctx.db, ctx.actor, params), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
