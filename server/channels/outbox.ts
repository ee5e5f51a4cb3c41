import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { channelInbound, channelMessages, channelSettings, volunteers, type ChannelMessage } from '../../db/schema';
import { DEFAULT_REMINDER_MINUTES, type Channel, type ChannelSettings, type MessageKind } from '../../lib/channels';
import { fitSms } from '../../lib/gsm';
import type { Providers } from './providers';

export interface QueuedText {
  channel: Channel;
  kind: MessageKind;
  provinceCode: string;
  toPhone: string;
  text: string;
  volunteerId?: string | null;
  assignmentId?: string | null;
  requestId?: string | null;
  incidentId?: string | null;
}

/**
 * Puts a text in the queue (in the caller's transaction); the queue sends it at the provider's pace. A
 * volunteer who said no to texts (by id, or the active volunteer with that number) gets none: null.
 */
export async function enqueueText(
  db: Executor,
  providers: Providers,
  text: QueuedText,
): Promise<ChannelMessage | null> {
  const [refused] = await db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(
      and(
        eq(volunteers.textConsent, false),
        text.volunteerId
          ? eq(volunteers.id, text.volunteerId)
          : and(eq(volunteers.phone, text.toPhone), isNull(volunteers.retiredAt)),
      ),
    )
    .limit(1);
  if (refused) return null;
  const [row] = await db
    .insert(channelMessages)
    .values({
      ...text,
      provider: providers[text.channel]?.name ?? 'none',
      text: fitSms(text.text),
    })
    .returning();
  return row!;
}

/** A province's channels; a province that never set them sends SMS and texts again after 30 minutes. */
export async function settingsOf(db: Executor, provinceCode: string): Promise<ChannelSettings> {
  const [row] = await db.select().from(channelSettings).where(eq(channelSettings.provinceCode, provinceCode));
  return row
    ? {
        provinceCode,
        smsEnabled: row.smsEnabled,
        whatsappEnabled: row.whatsappEnabled,
        reminderMinutes: row.reminderMinutes,
      }
    : { provinceCode, smsEnabled: true, whatsappEnabled: false, reminderMinutes: DEFAULT_REMINDER_MINUTES };
}

/** The channels a province's texts go out on: those it turned on that this Posko can send through. */
export function channelsFor(settings: ChannelSettings, providers: Providers): Channel[] {
  const on: Channel[] = [];
  if (settings.smsEnabled && providers.sms) on.push('sms');
  if (settings.whatsappEnabled && providers.whatsapp) on.push('whatsapp');
  return on;
}

const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

/** WhatsApp allows free text within 24 hours of the volunteer's last message there. */
export async function whatsappWindowOpen(db: Executor, volunteerId: string | null, now: Date): Promise<boolean> {
  if (!volunteerId) return false;
  const [last] = await db
    .select({ at: channelInbound.receivedAt })
    .from(channelInbound)
    .where(
      and(
        eq(channelInbound.volunteerId, volunteerId),
        eq(channelInbound.provider, 'whatsapp'),
        gt(channelInbound.receivedAt, new Date(now.getTime() - WHATSAPP_WINDOW_MS)),
      ),
    )
    .orderBy(desc(channelInbound.receivedAt))
    .limit(1);
  return !!last;
}
