import { matchVolunteers } from '@/server/deployments/queries';
import { actingFor, query, readJsonWith, respond } from '@/server/http';

type Params = { params: Promise<{ id: string }> };

/**
 * For a draft request: siaga volunteers who fit, per kabupaten/kota of the incident's province, nearest
 * first. `?pillarCodes=tagana,psm&skill=evakuasi%20air&trainingId=…&deadline=…` (the
 * certificate of the training must still be valid at the deadline; now when it is not given), or the same as a JSON body by POST.
 */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const search = new URL(request.url).searchParams;
    const input = {
      incidentId: id,
      pillarCodes: query.list(search, 'pillarCodes'),
      skill: query.text(search, 'skill'),
      trainingId: query.text(search, 'trainingId') || undefined,
      deadline: query.text(search, 'deadline') || undefined,
    };
    return Response.json(await matchVolunteers({ ctx, input }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

export async function POST(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { incidentId: id });
    return Response.json(await matchVolunteers({ ctx, input }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
