import { actingFor, query, respond } from '@/server/http';
import { incidentTimeline } from '@/server/incidents/queries';

/** What happened to an incident, from the event log, oldest first: `?afterId=1234&limit=500`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const search = new URL(request.url).searchParams;
    const input = {
      incidentId: id,
      afterId: query.integer(search, 'afterId'),
      limit: query.integer(search, 'limit'),
    };
    return Response.json(await incidentTimeline({ ctx, input }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
