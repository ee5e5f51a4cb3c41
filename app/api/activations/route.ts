import { issueActivations } from '@/server/accounts/issue-activations';
import { shareActivation } from '@/server/accounts/share';
import { actingFor, publicBaseUrl, readJson, respond } from '@/server/http';

/** A coordinator issues one-time activation links for volunteers in its scope (one or a whole list). */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const issued = await issueActivations({ ctx, input: await readJson(request) });
    const baseUrl = publicBaseUrl(request, ctx);
    const links = await Promise.all(
      issued.map(async (link) => ({ volunteerId: link.volunteerId, ...(await shareActivation(baseUrl, link)) })),
    );
    return Response.json({ links }, { status: 201, headers: { 'cache-control': 'no-store' } });
  });
}
