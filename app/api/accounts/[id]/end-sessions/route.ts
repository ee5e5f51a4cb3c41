import { endSessions } from '@/server/accounts/end-sessions';
import { getAppContext } from '@/server/context';
import { readJson, requireActor, respond } from '@/server/http';

/** Signs an account out on every device (a stolen phone), optionally locking it: `{ "disable": true }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const { id } = await params;
    const body = await readJson(request);
    const input = { ...(typeof body === 'object' && body !== null ? body : {}), userId: id };
    return Response.json(await endSessions({ ctx: { ...ctx, actor }, input }));
  });
}
