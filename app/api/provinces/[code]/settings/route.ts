import { actingFor, readJsonWith, respond } from '@/server/http';
import { setProvinceSettings } from '@/server/provinces/set-province-settings';

/** `{ hotline, restHours }`: the posko's number and the rest after a deployment (province coordinators, admins). */
export async function PUT(request: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { code } = await params;
    return Response.json(
      await setProvinceSettings({ ctx, input: await readJsonWith(request, { provinceCode: code }) }),
    );
  });
}
