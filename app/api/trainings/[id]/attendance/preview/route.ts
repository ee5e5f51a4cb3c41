import { actingFor, readJsonWith, respond } from '@/server/http';
import { previewAttendance } from '@/server/trainings/queries';

type Params = { params: Promise<{ id: string }> };

/** Who `{ volunteerIds?, lines? }` would record, and which lines match nobody or several people; writes nothing. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await previewAttendance({ ctx, input: await readJsonWith(request, { trainingId: id }) }), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
