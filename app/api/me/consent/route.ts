import { actingFor, readJson, respond } from '@/server/http';
import { setConsent } from '@/server/privacy/set-consent';

/** `{ positions?: boolean, texts?: boolean }`: the volunteer's own consents → `{ positions, texts }`. */
export async function PUT(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await setConsent({ ctx, input: await readJson(request) }));
  });
}
