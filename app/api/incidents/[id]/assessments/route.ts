import { submitAssessment } from '@/server/assessments/submit-assessment';
import { actingFor, readJsonWith, respond } from '@/server/http';

/** A coordinator records a rapid assessment (kaji cepat) of one place of the incident: 201 `{ id, … }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { incidentId: id });
    return Response.json(await submitAssessment({ ctx, input }), { status: 201 });
  });
}
