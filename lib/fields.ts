import { z } from 'zod';
import { DISTRICT_CODE, REGENCY_CODE } from './domain';
import { INDONESIA_BOUNDS } from './geo';

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

/** An ISO 8601 date-time with a zone ("2026-11-22T14:00:00+07:00"), or a Date from server code. */
export const dateTime = (field: string) => {
  const error = `${field} harus berupa tanggal dan jam ISO 8601 dengan zona waktu, mis. "2026-11-22T14:00:00+07:00".`;
  return z
    .union([z.date({ error }), z.iso.datetime({ offset: true, error })], { error })
    .transform((value) => new Date(value));
};

export const text = (field: string, max: number) =>
  z
    .string({ error: `${field} harus berupa teks.` })
    .trim()
    .max(max, { error: `${field} paling banyak ${max} huruf.` });

/** Optional free text; an empty field counts as not given. */
export const optionalText = (field: string, max: number) =>
  text(field, max)
    .optional()
    .transform((value) => value || undefined);

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
export const idempotencyKey = z
  .string({ error: 'idempotencyKey harus berupa teks.' })
  .trim()
  .min(1, { error: 'idempotencyKey tidak boleh kosong.' })
  .max(100, { error: 'idempotencyKey paling panjang 100 karakter.' })
  .optional();
