import { setChannelSettings } from '@/server/channels/set-settings';
import { actingFor, readJson, respond } from '@/server/http';

/** `{ provinceCode, smsEnabled, whatsappEnabled, reminderMinutes }`: a province's channels (province coordinators, admins). */
export async function PUT(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await setChannelSettings({ ctx, input: await readJson(request) }));
  });
}
