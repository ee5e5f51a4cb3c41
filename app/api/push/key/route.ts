import { getAppContext } from '@/server/context';
import { requireActor, respond } from '@/server/http';
import { vapidKeys } from '@/server/push/keys';

/** The server's VAPID public key, which a browser needs to subscribe (it names nobody; signed in only). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    await requireActor(request, ctx);
    const { publicKey } = await vapidKeys(ctx.db, ctx.env);
    return Response.json({ publicKey }, { headers: { 'cache-control': 'no-store' } });
  });
}
