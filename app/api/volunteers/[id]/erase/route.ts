import { actingFor, readJsonWith, respond } from '@/server/http';
import { eraseVolunteer } from '@/server/privacy/erase-volunteer';

/** `{ reason }`: erases the person's data for good (admins, province coordinators) → `{ volunteerId, reference, erasedAt, changed }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await eraseVolunteer({ ctx, input: await readJsonWith(request, { volunteerId: id }) }));
  });
}
