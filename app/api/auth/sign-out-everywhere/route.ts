import { endSessions } from '@/server/accounts/end-sessions';
import { actingFor, clearedSessionCookie, respond } from '@/server/http';

/** Ends every session of the signed-in account, on every device (a lost phone). */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { ended } = await endSessions({ ctx, input: { userId: ctx.actor.userId } });
    return Response.json({ ended }, { headers: { 'set-cookie': clearedSessionCookie(request) } });
  });
}
