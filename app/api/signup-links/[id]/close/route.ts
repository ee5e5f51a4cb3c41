import { actingFor, readJsonWith, respond } from '@/server/http';
import { closeSignupLink } from '@/server/signups/close-signup-link';

/** Closes a sign-up link before its time. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await closeSignupLink({ ctx, input: await readJsonWith(request, { linkId: id }) }));
  });
}
