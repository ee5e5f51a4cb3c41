import { actingFor, readJson, respond } from '@/server/http';
import { removeCoverageRule } from '@/server/readiness/remove-coverage-rule';
import { setCoverageRule } from '@/server/readiness/set-coverage-rule';

/** `{ regencyCode, pillarCode, minimumPerDistrict? }` (1 when left out): sets a coverage rule by kecamatan. */
export async function PUT(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { rule } = await setCoverageRule({ ctx, input: await readJson(request) });
    return Response.json(rule);
  });
}

/** `{ regencyCode, pillarCode }`: the coverage rule is dropped. */
export async function DELETE(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await removeCoverageRule({ ctx, input: await readJson(request) }));
  });
}
