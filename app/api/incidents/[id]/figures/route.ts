import { incidentFigures } from '@/server/assessments/figures';
import { actingFor, respond } from '@/server/http';

/** The incident's figures now: `{ totals, unverified, vulnerable, byDistrict, change, lastReport, history }`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await incidentFigures({ ctx, input: { incidentId: id } }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
