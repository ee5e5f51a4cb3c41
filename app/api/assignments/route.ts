import { volunteerAssignments } from '@/server/deployments/queries';
import { actingFor, respond } from '@/server/http';

/** A volunteer's offers and assignments (`?volunteerId=` for a coordinator looking at one in scope). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const volunteerId = new URL(request.url).searchParams.get('volunteerId') ?? undefined;
    const list = await volunteerAssignments({ ctx, input: { volunteerId } });
    return Response.json(list, { headers: { 'cache-control': 'no-store' } });
  });
}
