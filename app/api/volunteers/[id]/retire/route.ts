import { actingFor, readJsonWith, respond } from '@/server/http';
import { retireVolunteer } from '@/server/volunteers/retire-volunteer';

/** `{ reason }`: the volunteer leaves every count and match and its sessions end; the record stays. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const { volunteer, endedSessions } = await retireVolunteer({
      ctx,
      input: await readJsonWith(request, { volunteerId: id }),
    });
    return Response.json({
      id: volunteer.id,
      retiredAt: volunteer.retiredAt,
      retiredReason: volunteer.retiredReason,
      endedSessions,
    });
  });
}
