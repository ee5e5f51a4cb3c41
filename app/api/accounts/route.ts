import { createAccount } from '@/server/accounts/create-account';
import { listAccounts } from '@/server/accounts/queries';
import { shareActivation } from '@/server/accounts/share';
import { actingFor, publicBaseUrl, readJson, respond } from '@/server/http';

/** Admins: every account but volunteers'; coordinators: the volunteer accounts of their scope. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await listAccounts(ctx.db, ctx.actor), { headers: { 'cache-control': 'no-store' } });
  });
}

/** An admin creates an admin, coordinator or leader account and gets its activation link. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const created = await createAccount({ ctx, input: await readJson(request) });
    const link = await shareActivation(publicBaseUrl(request, ctx), created);
    return Response.json({ userId: created.userId, link }, { status: 201, headers: { 'cache-control': 'no-store' } });
  });
}
