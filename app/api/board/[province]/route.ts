import { loadBoard } from '@/server/board/queries';
import { actingFor, query, respond } from '@/server/http';

/** The leaders' board of a province: figures with their trend, volunteers per kabupaten/kota, timeline: `?compareHours=24`. */
export async function GET(request: Request, { params }: { params: Promise<{ province: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { province } = await params;
    const search = new URL(request.url).searchParams;
    const input = { provinceCode: province, compareHours: query.integer(search, 'compareHours') };
    return Response.json(await loadBoard({ ctx, input }), { headers: { 'cache-control': 'no-store' } });
  });
}
