import { declineProvinceAsk } from '@/server/province-asks/decline-province-ask';
import { actingFor, readJsonWith, respond } from '@/server/http';

type Params = { params: Promise<{ id: string }> };

/** The asked province declines with a reason. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const ask = await declineProvinceAsk({ ctx, input: await readJsonWith(request, { askId: id }) });
    return Response.json({ id: ask.id, status: ask.status, declineReason: ask.declineReason });
  });
}
