import { actingFor, readJsonWith, respond } from '@/server/http';
import { recordAttendance } from '@/server/trainings/record-attendance';

type Params = { params: Promise<{ id: string }> };

/**
 * Records that many volunteers completed the training: `{ volunteerIds?, lines?, completedOn, certifiedOn?,
 * skipUnmatched? }`. Lines that match nobody or several people stop the batch unless `skipUnmatched`.
 */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const result = await recordAttendance({ ctx, input: await readJsonWith(request, { trainingId: id }) });
    return Response.json(result, { status: 201 });
  });
}
