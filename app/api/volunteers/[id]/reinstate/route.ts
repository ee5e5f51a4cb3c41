import { actingFor, readJsonWith, respond } from '@/server/http';
import { reinstateVolunteer } from '@/server/volunteers/reinstate-volunteer';

/** A retired volunteer is active again, tidak siaga; 409 when its phone or NIK was taken meanwhile. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const volunteer = await reinstateVolunteer({ ctx, input: await readJsonWith(request, { volunteerId: id }) });
    return Response.json({ id: volunteer.id, availability: volunteer.availability, retiredAt: volunteer.retiredAt });
  });
}
