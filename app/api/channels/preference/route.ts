import { setChannelPreference } from '@/server/channels/set-preference';
import { actingFor, readJson, respond } from '@/server/http';

/** `{ mode: "fallback" | "always" }`: the volunteer's own choice of texts. */
export async function PUT(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await setChannelPreference({ ctx, input: await readJson(request) }));
  });
}
