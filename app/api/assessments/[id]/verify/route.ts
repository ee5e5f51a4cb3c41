import { verifyAssessment } from '@/server/assessments/verify-assessment';
import { actingFor, readJsonWith, respond } from '@/server/http';

/** A coordinator verifies (`{ verified: true }`) or rejects (`{ verified: false, reason }`) an assessment. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { assessmentId: id });
    return Response.json(await verifyAssessment({ ctx, input }));
  });
}
