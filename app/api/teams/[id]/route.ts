import { actingFor, readJsonWith, respond } from '@/server/http';
import { disbandTeam } from '@/server/teams/disband-team';
import { updateTeam } from '@/server/teams/update-team';

type Params = { params: Promise<{ id: string }> };

/** Renames the regu or names its ketua regu: `{ name?, leaderVolunteerId? }`. */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await updateTeam({ ctx, input: await readJsonWith(request, { teamId: id }) }));
  });
}

/** Disbands the regu; its members stay on the roster. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await disbandTeam({ ctx, input: { teamId: id } }));
  });
}
