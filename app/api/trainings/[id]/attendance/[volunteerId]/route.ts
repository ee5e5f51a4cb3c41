import { actingFor, respond } from '@/server/http';
import { removeAttendance } from '@/server/trainings/remove-attendance';

type Params = { params: Promise<{ id: string; volunteerId: string }> };

/** Takes back one volunteer's completion of the training. */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id, volunteerId } = await params;
    await removeAttendance({ ctx, input: { trainingId: id, volunteerId } });
    return new Response(null, { status: 204 });
  });
}
