import { actingFor, query, respond } from '@/server/http';
import { loadReadiness } from '@/server/readiness/queries';

/** `?provinceCode=62`: the province's readiness minimums and coverage rules, and which fall short now. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = new URL(request.url).searchParams;
    const readiness = await loadReadiness({ ctx, input: { provinceCode: query.text(params, 'provinceCode') } });
    return Response.json(readiness, { headers: { 'cache-control': 'no-store' } });
  });
}
