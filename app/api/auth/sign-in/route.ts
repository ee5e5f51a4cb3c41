import { signIn } from '@/server/auth/sign-in';
import { describeActor } from '@/server/auth/me';
import { getAppContext } from '@/server/context';
import { clientOf, readJson, respond, sessionCookie } from '@/server/http';

/** Open by necessity: the way in. Answers the same for an unknown account and a wrong password. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { token, expiresAt, actor } = await signIn({
      ctx,
      input: await readJson(request),
      client: clientOf(request),
    });
    return Response.json(await describeActor(ctx.db, actor), {
      headers: { 'set-cookie': sessionCookie(request, token, expiresAt), 'cache-control': 'no-store' },
    });
  });
}
