import { createAccount } from '@/server/accounts/create-account';
import { listAccounts } from '@/server/accounts/queries';
import { shareActivation } from '@/server/accounts/share';
import { getAppContext } from '@/server/context';
import { publicBaseUrl, readJson, requireActor, respond } from '@/server/http';

/** Admins: every account but volunteers'; coordinators: the volunteer accounts of their scope. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    return Response.json(await listAccounts(ctx.db, actor), { headers: { 'cache-control': 'no-store' } });
  });
}

/** An admin creates an admin, coordinator or leader account and gets its activation link. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const created = await createAccount({ ctx: { ...ctx, actor }, input: await readJson(request) });
    const link = await shareActivation(publicBaseUrl(request, ctx), created);
    return Response.json({ userId: created.userId, link }, { status: 201, headers: { 'cache-control': 'no-store' } });
  });
}
