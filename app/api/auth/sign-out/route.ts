import { revokeSession } from '@/server/auth/sessions';
import { getAppContext } from '@/server/context';
import { clearedSessionCookie, requireActor, respond } from '@/server/http';

/** Ends this browser's session; its live sockets close within seconds. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { tokenHash } = await requireActor(request, ctx);
    await revokeSession(ctx.db, tokenHash, ctx.now());
    return Response.json({ ok: true }, { headers: { 'set-cookie': clearedSessionCookie(request) } });
  });
}
