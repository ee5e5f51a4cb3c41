import { actingFor, readJsonWith, respond } from '@/server/http';
import { addTeamMember } from '@/server/teams/add-team-member';

type Params = { params: Promise<{ id: string }> };

/** Adds a volunteer of the regu's kabupaten/kota: `{ volunteerId }`. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await addTeamMember({ ctx, input: await readJsonWith(request, { teamId: id }) }), {
      status: 201,
    });
  });
}
