import { channelSettings } from '../../db/schema';
import { CHANNEL_EVENTS, SetChannelSettings, type ChannelSettings } from '../../lib/channels';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';

/** A province coordinator (or an admin) turns SMS and WhatsApp on or off and sets the second try. */
export async function setChannelSettings({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<ChannelSettings> {
  const settings = parseInput(SetChannelSettings, input);
  requireCoordinatorFor(ctx.actor, { provinceCode: settings.provinceCode, regencyCode: null });
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    const values = {
      smsEnabled: settings.smsEnabled,
      whatsappEnabled: settings.whatsappEnabled,
      reminderMinutes: settings.reminderMinutes,
      updatedAt: now,
    };
    await tx
      .insert(channelSettings)
      .values({ provinceCode: settings.provinceCode, ...values })
      .onConflictDoUpdate({ target: channelSettings.provinceCode, set: values });
    return {
      result: settings,
      events: [{ type: CHANNEL_EVENTS.settingsChanged, provinceCode: settings.provinceCode, payload: { ...settings } }],
    };
  });
}
