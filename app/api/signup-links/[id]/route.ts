import { actingFor, publicBaseUrl, respond } from '@/server/http';
import { signupLinkDetail } from '@/server/signups/queries';
import { shareSignupLink } from '@/server/signups/share';

/** One link of the coordinator's scope with its QR code and its sign-ups, duplicates marked. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const detail = await signupLinkDetail(ctx.db, ctx.actor, id, ctx.now());
    const shared = await shareSignupLink(publicBaseUrl(request, ctx), detail.link);
    return Response.json({ ...detail, ...shared }, { headers: { 'cache-control': 'no-store' } });
  });
}
