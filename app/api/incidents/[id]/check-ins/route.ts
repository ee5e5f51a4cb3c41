import { actingFor, respond } from '@/server/http';
import { incidentCheckIns } from '@/server/operations/queries';

/** Each assignment under way on the incident: next check-in due, state (ok/late/critical/help), last shared position. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await incidentCheckIns({ ctx, input: { incidentId: id } }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
