import { z } from 'zod';
import { exactText } from './fields';

/** The shapes of Web Push: what a phone sends to subscribe, and what a notification carries. */

const OBJECT_ERROR = { error: 'Data yang dikirim harus berupa objek JSON.' };

/** base64url text that decodes to exactly `bytes` bytes (and, for a public key, an uncompressed P-256 point). */
const base64url = (field: string, bytes: number, firstByte?: number) =>
  z
    .string({ error: `${field} harus berupa teks base64url.` })
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, { error: `${field} harus berupa teks base64url.` })
    .refine(
      (value) => {
        const decoded = decodeBase64url(value);
        return decoded.length === bytes && (firstByte === undefined || decoded[0] === firstByte);
      },
      { error: `${field} bukan kunci langganan yang sah.` },
    );

function decodeBase64url(value: string): Uint8Array {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  try {
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}

/** A browser's PushSubscription as `toJSON()` gives it, plus the language its notifications are written in. */
export const SubscribePush = z.object(
  {
    endpoint: z
      .url({ error: 'endpoint harus berupa alamat layanan push.' })
      .max(1000, { error: 'endpoint terlalu panjang.' }),
    keys: z.object(
      { p256dh: base64url('keys.p256dh', 65, 0x04), auth: base64url('keys.auth', 16) },
      { error: 'keys harus berisi p256dh dan auth.' },
    ),
    locale: z.enum(['id', 'en'], { error: 'locale harus "id" atau "en".' }).default('id'),
  },
  OBJECT_ERROR,
);
export type SubscribePush = z.infer<typeof SubscribePush>;

export const UnsubscribePush = z.object({ endpoint: exactText('endpoint', 1000) }, OBJECT_ERROR);
export type UnsubscribePush = z.infer<typeof UnsubscribePush>;

/** What one notification carries (encrypted for the phone): the text to show and where a tap leads. */
export type PushMessage = {
  title: string;
  body: string;
  /** The page a tap opens: the volunteer's page, scrolled to what the notification is about. */
  url: string;
} & (
  | { kind: 'offer' | 'cancelled'; assignmentId: string; requestId: string }
  | { kind: 'rollcall'; rollCallId: string }
  | { kind: 'message'; messageId: string }
  /** A check-in due (to the volunteer), late or critical (to the ketua regu and the coordinators). */
  | { kind: 'checkin'; assignmentId: string; state: 'due' | 'late' | 'critical' | 'help' }
);

/** One notification per thing: a cancellation replaces the offer it cancels, a reminder its roll call. */
export function notificationTag(message: PushMessage): string {
  switch (message.kind) {
    case 'rollcall':
      return `rollcall-${message.rollCallId}`;
    case 'message':
      return `message-${message.messageId}`;
    case 'checkin':
      return `checkin-${message.assignmentId}`;
    default:
      return `assignment-${message.assignmentId}`;
  }
}

export const rollCallUrl = (rollCallId: string) => `/tugas?apel=${encodeURIComponent(rollCallId)}`;
/** The incident page, where a coordinator follows the check-ins of everyone under way. */
export const incidentUrl = (incidentId: string) => `/kejadian/${encodeURIComponent(incidentId)}`;
export const messageUrl = (messageId: string) => `/tugas?pesan=${encodeURIComponent(messageId)}`;

/** The offer's place on the volunteer's page, as a notification links to it. */
export const offerUrl = (assignmentId: string) => `/tugas?tawaran=${encodeURIComponent(assignmentId)}`;
