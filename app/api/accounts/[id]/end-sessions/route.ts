import { endSessions } from '@/server/accounts/end-sessions';
import { actingFor, readJsonWith, respond } from '@/server/http';

/** Signs an account out on every device (a stolen phone), optionally locking it: `{ "disable": true }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await endSessions({ ctx, input: await readJsonWith(request, { userId: id }) }));
  });
}
