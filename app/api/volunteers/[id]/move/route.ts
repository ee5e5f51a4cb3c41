import { actingFor, readJsonWith, respond } from '@/server/http';
import { moveVolunteer } from '@/server/volunteers/move-volunteer';

/** `{ regencyCode, districtCode?, village? }`: a new home inside the coordinator's scope. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const { volunteer, moved } = await moveVolunteer({ ctx, input: await readJsonWith(request, { volunteerId: id }) });
    return Response.json({
      id: volunteer.id,
      regencyCode: volunteer.regencyCode,
      districtCode: volunteer.districtCode,
      village: volunteer.village,
      moved,
    });
  });
}
