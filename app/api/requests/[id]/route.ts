import { changeRequest } from '@/server/deployments/change-request';
import { requestProgress } from '@/server/deployments/queries';
import { actingFor, readJsonWith, respond } from '@/server/http';

type Params = { params: Promise<{ id: string }> };

/** How far a request has come: places taken of places asked, and every volunteer offered with their status. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await requestProgress({ ctx, input: { requestId: id } }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

/** Raises or lowers the places (`slots`) or extends the `deadline` of an open or filled request. */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { requestId: id });
    return Response.json(await changeRequest({ ctx, input }));
  });
}
