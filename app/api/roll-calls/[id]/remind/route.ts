import { remindRollCall } from '@/server/roll-calls/remind-roll-call';
import { actingFor, readJsonWith, respond } from '@/server/http';

type Params = { params: Promise<{ id: string }> };

/** Asks again everyone who has not answered the roll call (socket and Web Push). */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await remindRollCall({ ctx, input: await readJsonWith(request, { rollCallId: id }) }));
  });
}
