import { getAppContext } from '@/server/context';
import { volunteerAssignments } from '@/server/deployments/queries';
import { requireActor, respond } from '@/server/http';

/** A volunteer's offers and assignments (`?volunteerId=` for a coordinator looking at one in scope). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const volunteerId = new URL(request.url).searchParams.get('volunteerId') ?? undefined;
    const list = await volunteerAssignments({ ctx: { ...ctx, actor }, input: { volunteerId } });
    return Response.json(list, { headers: { 'cache-control': 'no-store' } });
  });
}
