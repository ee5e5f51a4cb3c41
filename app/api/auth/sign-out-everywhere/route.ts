import { endSessions } from '@/server/accounts/end-sessions';
import { getAppContext } from '@/server/context';
import { clearedSessionCookie, requireActor, respond } from '@/server/http';

/** Ends every session of the signed-in account, on every device (a lost phone). */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const { ended } = await endSessions({ ctx: { ...ctx, actor }, input: { userId: actor.userId } });
    return Response.json({ ended }, { headers: { 'set-cookie': clearedSessionCookie(request) } });
  });
}
