import { acceptProvinceAsk } from '@/server/province-asks/accept-province-ask';
import { actingFor, readJsonWith, respond } from '@/server/http';

type Params = { params: Promise<{ id: string }> };

/** The asked province accepts, choosing its source kabupaten/kota: their siaga volunteers get the offers. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const { ask, requestId, offered } = await acceptProvinceAsk({
      ctx,
      input: await readJsonWith(request, { askId: id }),
    });
    return Response.json({ id: ask.id, status: ask.status, requestId, offered });
  });
}
