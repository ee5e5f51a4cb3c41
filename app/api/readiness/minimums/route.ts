import { actingFor, readJson, respond } from '@/server/http';
import { removeReadinessMinimum } from '@/server/readiness/remove-readiness-minimum';
import { setReadinessMinimum } from '@/server/readiness/set-readiness-minimum';

/** `{ regencyCode, pillarCode, minimumAvailable }`: sets (or changes) a kabupaten/kota's minimum on standby. */
export async function PUT(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { minimum } = await setReadinessMinimum({ ctx, input: await readJson(request) });
    return Response.json(minimum);
  });
}

/** `{ regencyCode, pillarCode }`: the minimum is dropped. */
export async function DELETE(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await removeReadinessMinimum({ ctx, input: await readJson(request) }));
  });
}
