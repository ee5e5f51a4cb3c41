import { actingFor, query, readJson, respond } from '@/server/http';
import { createTraining } from '@/server/trainings/create-training';
import { listTrainings } from '@/server/trainings/queries';

/** A province's trainings catalogue: `?provinceCode=62` (staff default to their own province). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = new URL(request.url).searchParams;
    const own =
      ctx.actor.role === 'coordinator' || ctx.actor.role === 'leader' ? ctx.actor.scope.provinceCode : undefined;
    const input = { provinceCode: query.text(params, 'provinceCode') ?? own };
    return Response.json(await listTrainings({ ctx, input }), { headers: { 'cache-control': 'no-store' } });
  });
}

/** A province coordinator adds a training to the catalogue. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const training = await createTraining({ ctx, input: await readJson(request) });
    return Response.json(training, { status: 201 });
  });
}
