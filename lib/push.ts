import { z } from 'zod';

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

export const UnsubscribePush = z.object(
  { endpoint: z.string({ error: 'endpoint harus berupa teks.' }).max(1000, { error: 'endpoint terlalu panjang.' }) },
  OBJECT_ERROR,
);
export type UnsubscribePush = z.infer<typeof UnsubscribePush>;

/** What one notification carries (encrypted for the phone): the text to show and where a tap leads. */
export interface PushMessage {
  kind: 'offer' | 'cancelled';
  assignmentId: string;
  requestId: string;
  title: string;
  body: string;
  /** The page a tap opens: the volunteer's page, scrolled to the offer. */
  url: string;
}

/** The offer's place on the volunteer's page, as a notification links to it. */
export const offerUrl = (assignmentId: string) => `/tugas?tawaran=${encodeURIComponent(assignmentId)}`;
