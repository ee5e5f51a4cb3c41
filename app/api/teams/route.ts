import { actingFor, query, readJson, respond } from '@/server/http';
import { createTeam } from '@/server/teams/create-team';
import { listTeams } from '@/server/teams/queries';

/** A province's regu with their members: `?provinceCode=62[&regencyCode=62.06]` (staff default to their own). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = new URL(request.url).searchParams;
    const own =
      ctx.actor.role === 'coordinator' || ctx.actor.role === 'leader' ? ctx.actor.scope.provinceCode : undefined;
    const input = {
      provinceCode: query.text(params, 'provinceCode') ?? own,
      regencyCode: query.text(params, 'regencyCode'),
    };
    return Response.json(await listTeams({ ctx, input }), { headers: { 'cache-control': 'no-store' } });
  });
}

/** A coordinator in scope names a regu: `{ name, regencyCode, pillarCode?, memberIds?, leaderVolunteerId? }`. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await createTeam({ ctx, input: await readJson(request) }), { status: 201 });
  });
}
