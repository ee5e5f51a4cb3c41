import { rollCallView } from '@/server/roll-calls/queries';
import { actingFor, respond } from '@/server/http';

type Params = { params: Promise<{ id: string }> };

/** A roll call's answers so far: answered, needing help, not yet, and each person with times. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await rollCallView({ ctx, input: { rollCallId: id } }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
