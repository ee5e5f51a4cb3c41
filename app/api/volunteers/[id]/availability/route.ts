import { actingFor, readJsonWith, respond } from '@/server/http';
import { setVolunteerAvailability } from '@/server/volunteers/set-availability';

/** A volunteer's own availability (or a coordinator's in scope): siaga (available) or tidak siaga (unavailable). */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const { volunteer } = await setVolunteerAvailability({
      ctx,
      input: await readJsonWith(request, { volunteerId: id }),
    });
    return Response.json({ id: volunteer.id, availability: volunteer.availability });
  });
}
