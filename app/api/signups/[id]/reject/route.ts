import { actingFor, readJsonWith, respond } from '@/server/http';
import { rejectSignup } from '@/server/signups/reject-signup';

/** Turns a waiting sign-up down. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await rejectSignup({ ctx, input: await readJsonWith(request, { signupId: id }) }));
  });
}
