import { shareActivation } from '@/server/accounts/share';
import { actingFor, publicBaseUrl, readJsonWith, respond } from '@/server/http';
import { approveSignups } from '@/server/signups/approve-signups';

/**
 * `{ "all": true }` or `{ "signupIds": [...] }`: each becomes a volunteer (or is matched to the one it
 * already is); answers with the activation links of those who have no account yet.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const { approved, activations } = await approveSignups({ ctx, input: await readJsonWith(request, { linkId: id }) });
    const baseUrl = publicBaseUrl(request, ctx);
    const links = await Promise.all(
      activations.map(async (link) => ({ volunteerId: link.volunteerId, ...(await shareActivation(baseUrl, link)) })),
    );
    return Response.json({ approved, links }, { headers: { 'cache-control': 'no-store' } });
  });
}
