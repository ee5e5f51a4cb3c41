import { sendMessage } from '@/server/messages/send-message';
import { actingFor, readJson, respond } from '@/server/http';

/**
 * A coordinator writes to `to: { requestId }` (the request's team), `{ requestId, pending: true }` (those
 * who have not answered its offers), `{ incidentId }` (everyone deployed on it) or `{ volunteerIds }`.
 */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const sent = await sendMessage({ ctx, input: await readJson(request) });
    return Response.json(sent, { status: 201 });
  });
}
