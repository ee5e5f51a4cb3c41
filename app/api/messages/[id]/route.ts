import { messageView } from '@/server/messages/queries';
import { actingFor, respond } from '@/server/http';

type Params = { params: Promise<{ id: string }> };

/** A message's counts (delivered, read, replied) and each recipient's state. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await messageView({ ctx, input: { messageId: id } }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
