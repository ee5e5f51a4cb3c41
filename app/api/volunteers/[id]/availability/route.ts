import { getAppContext } from '@/server/context';
import { readJson, respond } from '@/server/http';
import { setVolunteerAvailability } from '@/server/volunteers/set-availability';

/** A volunteer's availability: siaga (available) or tidak siaga (unavailable). */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const { id } = await params;
    const body = await readJson(request);
    const { volunteer } = await setVolunteerAvailability({
      ctx: getAppContext(),
      input: { ...(typeof body === 'object' && body !== null ? body : {}), volunteerId: id },
    });
    return Response.json({ id: volunteer.id, availability: volunteer.availability });
  });
}
