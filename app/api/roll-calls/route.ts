import { callRollCall } from '@/server/roll-calls/call-roll-call';
import { actingFor, readJson, respond } from '@/server/http';

/** A coordinator calls a roll (apel) for a request, an incident or a kabupaten's deployed people. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const called = await callRollCall({ ctx, input: await readJson(request) });
    return Response.json(called, { status: 201 });
  });
}
