import { z } from 'zod';
import { OBJECT_ERROR, id, text } from './fields';

/**
 * Personal data under UU PDP No. 27/2022: the volunteer's consents, the access records, erasure and the
 * position retention. Shared by the verbs, the routes and the pages.
 */

/** Scope: the volunteer's province and regency, volunteerId (erasure, consent); the province (retention). */
export const PRIVACY_EVENTS = {
  consentChanged: 'volunteer.consent_changed',
  erased: 'volunteer.erased',
  retention: 'privacy.retention',
} as const;

/** What the volunteer allows; only the choices sent change. */
export const SetConsent = z
  .object(
    {
      positions: z.boolean({ error: 'Pilihan berbagi lokasi harus ya (true) atau tidak (false).' }).optional(),
      texts: z.boolean({ error: 'Pilihan SMS/WhatsApp harus ya (true) atau tidak (false).' }).optional(),
    },
    OBJECT_ERROR,
  )
  .refine((value) => value.positions !== undefined || value.texts !== undefined, {
    error: 'Kirim "positions" atau "texts" (true atau false).',
  });
export type SetConsent = z.infer<typeof SetConsent>;

export interface Consent {
  /** Null: not asked yet (no position is stored until the volunteer says yes). */
  positions: boolean | null;
  texts: boolean;
}

export const EraseVolunteer = z.object(
  {
    volunteerId: id('volunteerId'),
    reason: text('Alasan', 200, { min: 3, minError: 'Tulis dasar penghapusan, paling sedikit 3 huruf.' }),
  },
  OBJECT_ERROR,
);
export type EraseVolunteer = z.infer<typeof EraseVolunteer>;

/** `GET /api/me/data?format=json|xlsx`. */
export const MyDataQuery = z.object(
  { format: z.enum(['json', 'xlsx'], { error: 'Format harus json atau xlsx.' }).default('json') },
  OBJECT_ERROR,
);

export const ACCESS_KINDS = ['record', 'roster', 'export'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

/** `GET /api/access-records`: newest first, a page at a time. */
export const AccessRecordsQuery = z.object(
  {
    volunteerId: blank(z.uuid({ error: 'Relawan tidak dikenal.' })),
    provinceCode: blank(z.string().regex(/^\d{2}$/, { error: 'Kode provinsi dua angka, mis. 62.' })),
    before: blank(z.coerce.number({ error: 'Posisi harus berupa angka.' }).int().min(1)),
  },
  OBJECT_ERROR,
);
export type AccessRecordsQuery = z.infer<typeof AccessRecordsQuery>;

export const ACCESS_PAGE_SIZE = 50;

/** The name an erased volunteer keeps: an anonymous reference, the same in every table. */
export const erasedName = (volunteerId: string) => `Relawan terhapus #${volunteerId.slice(0, 8)}`;

/** "+6281234567890" → "+62812****7890": enough to recognise a number, not to call it. */
export function maskPhone(phone: string): string {
  return phone.length <= 9 ? phone : `${phone.slice(0, 6)}${'*'.repeat(phone.length - 10)}${phone.slice(-4)}`;
}

/** A number a reader sees masked (leaders, coordinators out of scope): shown, never dialled. */
export const isMaskedPhone = (phone: string) => phone.includes('*');
