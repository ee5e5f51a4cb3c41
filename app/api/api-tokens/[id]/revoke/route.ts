import { revokeApiToken } from '@/server/api-tokens/revoke-api-token';
import { actingFor, readJsonWith, respond } from '@/server/http';

/** Admins revoke a token; every later request with it is refused. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const apiToken = await revokeApiToken({ ctx, input: await readJsonWith(request, await params) });
    return Response.json({ apiToken });
  });
}
