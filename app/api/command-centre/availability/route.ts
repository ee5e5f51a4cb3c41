import { filteredAvailability } from '@/server/command-centre/queries';
import { actingFor, query, respond } from '@/server/http';

/** Volunteers per kabupaten/kota counting only a pillar and/or a training: `?wilayah=62&pillarCode=tagana&trainingId=…`. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = new URL(request.url).searchParams;
    const input = {
      wilayah: query.text(params, 'wilayah'),
      pillarCode: query.text(params, 'pillarCode') || undefined,
      trainingId: query.text(params, 'trainingId') || undefined,
    };
    return Response.json(await filteredAvailability({ ctx, input }), { headers: { 'cache-control': 'no-store' } });
  });
}
