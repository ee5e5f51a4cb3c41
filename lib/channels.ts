import { z } from 'zod';
import { OBJECT_ERROR } from './fields';
import { PROVINCE_CODE } from './domain';
import { CHANNEL_PREFERENCES } from './channel-preferences';

/** The ways Posko reaches a phone besides the page and Web Push. */
export const CHANNELS = ['sms', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Which SMS provider sends: the outbox page only, an Android phone at the posko, or any signed HTTP gateway. */
export const SMS_PROVIDERS = ['log', 'android-sms-gateway', 'http'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];

// In a zod-free module of its own, which the phone page's choice imports.
export { CHANNEL_PREFERENCES, type ChannelPreference } from './channel-preferences';

/** queued → sent → delivered, or failed after the last try (or when the provider reports it). */
export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * What a text is about: an offer, its cancellation and second try, a reply to a command; a check-in due
 * (to the volunteer), critical and help (to the ketua regu); a roll call; a coordinator's message.
 */
export const MESSAGE_KINDS = [
  'offer',
  'cancelled',
  'reminder',
  'reply',
  'checkin_due',
  'checkin_critical',
  'checkin_help',
  'rollcall',
  'message',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const CHANNEL_EVENTS = {
  /** A text changed state (sent, delivered, failed): pages show it beside the volunteer and the request. */
  messageStatus: 'channel.message_status',
  settingsChanged: 'channel.settings_changed',
  preferenceChanged: 'channel.preference_changed',
} as const;

/** Minutes after an offer with no answer before the text goes again (null: no second try). */
export const DEFAULT_REMINDER_MINUTES = 30;

export const SetChannelSettings = z.object(
  {
    provinceCode: z.string({ error: 'Kode provinsi harus berupa teks.' }).regex(PROVINCE_CODE, {
      error: 'Kode provinsi harus dua angka, mis. "62".',
    }),
    smsEnabled: z.boolean({ error: 'smsEnabled harus true atau false.' }),
    whatsappEnabled: z.boolean({ error: 'whatsappEnabled harus true atau false.' }),
    reminderMinutes: z
      .number({ error: 'Jeda pengingat harus berupa angka menit.' })
      .int({ error: 'Jeda pengingat harus bilangan bulat.' })
      .min(5, { error: 'Jeda pengingat paling sedikit 5 menit.' })
      .max(1440, { error: 'Jeda pengingat paling lama 1.440 menit (24 jam).' })
      .nullable(),
  },
  OBJECT_ERROR,
);
export type SetChannelSettings = z.infer<typeof SetChannelSettings>;

export const SetChannelPreference = z.object(
  {
    mode: z.enum(CHANNEL_PREFERENCES, { error: 'Pilihan harus "fallback" (cadangan) atau "always" (selalu).' }),
  },
  OBJECT_ERROR,
);
export type SetChannelPreference = z.infer<typeof SetChannelPreference>;

/** A province's channels as its coordinators set them. */
export interface ChannelSettings {
  provinceCode: string;
  smsEnabled: boolean;
  whatsappEnabled: boolean;
  reminderMinutes: number | null;
}

/** One text as the outbox page, the volunteer's page and the incident page show it. */
export interface OutboxEntry {
  id: string;
  channel: Channel;
  provider: string;
  kind: MessageKind;
  toPhone: string;
  text: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  volunteerId: string | null;
  volunteerName: string | null;
  requestId: string | null;
  createdAt: string;
  sentAt: string | null;
}

// ---- the generic signed HTTP gateway ----

const messageId = z
  .string({ error: 'id harus berupa teks.' })
  .trim()
  .min(1, { error: 'id tidak boleh kosong.' })
  .max(200, { error: 'id paling panjang 200 karakter.' });

export const HttpInbound = z.object(
  {
    id: messageId,
    from: z.string({ error: 'from harus berupa nomor telepon.' }).trim().min(5).max(32),
    text: z.string({ error: 'text harus berupa teks.' }).max(1600, { error: 'text paling panjang 1.600 karakter.' }),
    receivedAt: z.iso.datetime({ offset: true, error: 'receivedAt harus tanggal dan jam ISO 8601 dengan zona.' }),
  },
  OBJECT_ERROR,
);
export type HttpInbound = z.infer<typeof HttpInbound>;

export const HttpStatus = z.object(
  {
    id: messageId,
    status: z.enum(['sent', 'delivered', 'failed'], { error: 'status harus "sent", "delivered" atau "failed".' }),
  },
  OBJECT_ERROR,
);
export type HttpStatus = z.infer<typeof HttpStatus>;
