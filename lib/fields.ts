import { z } from 'zod';
import { DISTRICT_CODE, REGENCY_CODE } from './domain';
import { INDONESIA_BOUNDS } from './geo';
import { cleanText, hasControlCharacter, visibleLength, type TextKind } from './text';

/**
 * Field schemas every contract builds on (dispatch, registry, …), each with a message in Bahasa Indonesia
 * a person can act on.
 */

export const OBJECT_ERROR = { error: 'Data yang dikirim harus berupa objek JSON.' };

export const id = (field: string) => z.uuid({ error: `${field} harus berupa UUID.` });

export const latitude = z
  .number({ error: 'Lintang harus berupa angka.' })
  .min(INDONESIA_BOUNDS.minLat, { error: 'Lintang berada di luar wilayah Indonesia (−11,5 sampai 6,5).' })
  .max(INDONESIA_BOUNDS.maxLat, { error: 'Lintang berada di luar wilayah Indonesia (−11,5 sampai 6,5).' });

export const longitude = z
  .number({ error: 'Bujur harus berupa angka.' })
  .min(INDONESIA_BOUNDS.minLng, { error: 'Bujur berada di luar wilayah Indonesia (94,5 sampai 141,5).' })
  .max(INDONESIA_BOUNDS.maxLng, { error: 'Bujur berada di luar wilayah Indonesia (94,5 sampai 141,5).' });

/** The earliest and latest moments any date-time field accepts; verbs narrow it against their own clock. */
export const EARLIEST_DATE_TIME = new Date('1900-01-01T00:00:00Z');
export const LATEST_DATE_TIME = new Date('2100-01-01T00:00:00Z');

/** An ISO 8601 date-time with a zone ("2026-11-22T14:00:00+07:00"), or a Date from server code. */
export const dateTime = (field: string) => {
  const error = `${field} harus berupa tanggal dan jam ISO 8601 dengan zona waktu, mis. "2026-11-22T14:00:00+07:00".`;
  return z
    .union([z.date({ error }), z.iso.datetime({ offset: true, error })], { error })
    .transform((value) => new Date(value))
    .refine((value) => value >= EARLIEST_DATE_TIME && value < LATEST_DATE_TIME, {
      error: `${field} harus antara tahun 1900 dan 2099.`,
    });
};

interface TextOptions {
  /** The fewest characters a reader must see (invisible ones do not count), with its message. */
  min?: number;
  minError?: string;
  /** Several lines (a description); otherwise a line break becomes a space. */
  kind?: TextKind;
}

/**
 * A string a person wrote, cleaned as lib/text.ts says (NFC, ends trimmed, invisible-only is empty);
 * control characters such as NUL are refused naming the field.
 */
export const text = (field: string, max: number, { min = 0, minError, kind = 'line' }: TextOptions = {}) =>
  z.string({ error: `${field} harus berupa teks.` }).transform((value, ctx) => {
    const cleaned = cleanText(value, kind);
    if ('problem' in cleaned) {
      ctx.addIssue({
        code: 'custom',
        message:
          cleaned.problem === 'control'
            ? `${field} berisi karakter kendali (mis. NUL) yang tidak bisa disimpan; ketik ulang teksnya.`
            : `${field} berisi karakter yang rusak; ketik ulang teksnya.`,
      });
      return z.NEVER;
    }
    if (cleaned.text.length > max) {
      ctx.addIssue({ code: 'custom', message: `${field} paling banyak ${max} huruf.` });
      return z.NEVER;
    }
    if (visibleLength(cleaned.text) < min) {
      ctx.addIssue({ code: 'custom', message: minError ?? `${field} paling sedikit ${min} huruf.` });
      return z.NEVER;
    }
    return cleaned.text;
  });

/** Several lines of free text (a description, needs). */
export const lines = (field: string, max: number) => text(field, max, { kind: 'lines' });

/** Optional free text; an empty field (or one of invisible characters only) counts as not given. */
export const optionalText = (field: string, max: number, kind: TextKind = 'line') =>
  text(field, max, { kind })
    .optional()
    .transform((value) => value || undefined);

/** A string that is kept exactly as sent (a password, a token) but may not hold control characters. */
export const exactText = (field: string, max: number, { min = 0, minError }: Omit<TextOptions, 'kind'> = {}) =>
  z
    .string({ error: `${field} harus berupa teks.` })
    .min(min, { error: minError ?? `${field} paling sedikit ${min} karakter.` })
    .max(max, { error: `${field} terlalu panjang.` })
    .refine((value) => !hasControlCharacter(value), {
      error: `${field} berisi karakter kendali (mis. NUL) yang tidak bisa disimpan.`,
    });

export const regencyCode = z
  .string({ error: 'Kode kabupaten/kota harus berupa teks.' })
  .regex(REGENCY_CODE, { error: 'Kode kabupaten/kota harus seperti "62.03".' });

export const districtCode = z
  .string({ error: 'Kode kecamatan harus berupa teks.' })
  .regex(DISTRICT_CODE, { error: 'Kode kecamatan harus seperti "62.03.01".' });

export const pillarCode = z
  .string({ error: 'Kode pilar harus berupa teks.' })
  .regex(/^[a-z0-9_]{1,40}$/, { error: 'Kode pilar tidak dikenal, mis. "tagana".' });

export const uniqueList = <T extends z.ZodType<string>>(item: T, field: string, max: number) =>
  z
    .array(item, { error: `${field} harus berupa daftar.` })
    .min(1, { error: `Pilih paling sedikit satu ${field}.` })
    .max(max, { error: `${field} paling banyak ${max}.` })
    .transform((values) => [...new Set(values)]);

/** A retried command from a phone carries the same key and gets the same answer. */
export const idempotencyKey = text('idempotencyKey', 100, {
  min: 1,
  minError: 'idempotencyKey tidak boleh kosong.',
}).optional();
