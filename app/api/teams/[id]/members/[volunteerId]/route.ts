import { actingFor, respond } from '@/server/http';
import { removeTeamMember } from '@/server/teams/remove-team-member';

type Params = { params: Promise<{ id: string; volunteerId: string }> };

/** Takes the volunteer out of the regu. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id, volunteerId } = await params;
    return Response.json(await removeTeamMember({ ctx, input: { teamId: id, volunteerId } }));
  });
}
