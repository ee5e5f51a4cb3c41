import { actingFor, readJsonWith, respond } from '@/server/http';
import { trainingDetail } from '@/server/trainings/queries';
import { updateTraining } from '@/server/trainings/update-training';

type Params = { params: Promise<{ id: string }> };

/** A training and who in the viewer's scope completed it, with each certificate's standing. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await trainingDetail({ ctx, input: { trainingId: id } }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

/** Corrects a training's details; a new `validMonths` recomputes its certificates' last days. */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await updateTraining({ ctx, input: await readJsonWith(request, { trainingId: id }) }));
  });
}
