import { actingFor, readJsonWith, respond } from '@/server/http';
import { changeIncidentPhase } from '@/server/incidents/change-incident-phase';

/** Moves an incident forward: `{ "phase": "response" | "recovery" | "closed" }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { incidentId: id });
    return Response.json(await changeIncidentPhase({ ctx, input }));
  });
}
