import { activateAccount, activationStatus } from '@/server/accounts/activate';
import { describeActor } from '@/server/auth/me';
import { getAppContext } from '@/server/context';
import { readJson, respond, sessionCookie } from '@/server/http';

type Params = { params: Promise<{ token: string }> };

/** Open by necessity: the link itself is the credential. Says whether it can still be used. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { token } = await params;
    return Response.json(await activationStatus(ctx.db, token, ctx.now()), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

/** Sets the password through the link and signs the person in. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { token } = await params;
    const activated = await activateAccount({
      ctx,
      token,
      input: await readJson(request),
      userAgent: request.headers.get('user-agent'),
    });
    return Response.json(await describeActor(ctx.db, activated.actor), {
      headers: {
        'set-cookie': sessionCookie(request, activated.token, activated.expiresAt),
        'cache-control': 'no-store',
      },
    });
  });
}
