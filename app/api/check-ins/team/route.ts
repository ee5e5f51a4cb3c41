import { actingFor, respond } from '@/server/http';
import { teamCheckInsFor } from '@/server/operations/queries';

/** For a ketua regu: the team's members under way, each with the next check-in due and its state. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await teamCheckInsFor({ ctx }), { headers: { 'cache-control': 'no-store' } });
  });
}
