import { getAppContext } from '@/server/context';
import { readJson, requireActor, respond } from '@/server/http';
import { subscribePush, unsubscribePush } from '@/server/push/subscribe';

/** A volunteer's phone subscribes to Web Push (new offers, cancellations) for the session it is signed in with. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor, tokenHash } = await requireActor(request, ctx);
    const body = await readJson(request);
    const subscription = await subscribePush({ ctx: { ...ctx, actor }, input: body, sessionHash: tokenHash });
    return Response.json(subscription, { status: 201 });
  });
}

/** The phone turns notifications off (or signs out): its subscription is removed. */
export async function DELETE(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const body = await readJson(request);
    return Response.json(await unsubscribePush({ ctx: { ...ctx, actor }, input: body }));
  });
}
