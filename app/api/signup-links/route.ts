import { actingFor, publicBaseUrl, readJson, respond } from '@/server/http';
import { createSignupLink } from '@/server/signups/create-signup-link';
import { signupLinksFor } from '@/server/signups/queries';
import { shareSignupLink } from '@/server/signups/share';

/** The sign-up links of the coordinator's scope, newest first, with their counts. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await signupLinksFor(ctx.db, ctx.actor, ctx.now()), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

/** `{ title, provinceCode, regencyCode?, pillarCode, trainingId?, validUntil }` → 201 the link and its QR code. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const link = await createSignupLink({ ctx, input: await readJson(request) });
    const shared = await shareSignupLink(publicBaseUrl(request, ctx), link);
    return Response.json({ link, ...shared }, { status: 201, headers: { 'cache-control': 'no-store' } });
  });
}
