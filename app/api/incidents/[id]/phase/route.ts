import { getAppContext } from '@/server/context';
import { readJsonWith, requireActor, respond } from '@/server/http';
import { changeIncidentPhase } from '@/server/incidents/change-incident-phase';

/** Moves an incident forward: `{ "phase": "response" | "recovery" | "closed" }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = getAppContext();
    const { actor } = await requireActor(request, ctx);
    const { id } = await params;
    const input = await readJsonWith(request, { incidentId: id });
    return Response.json(await changeIncidentPhase({ ctx: { ...ctx, actor }, input }));
  });
}
