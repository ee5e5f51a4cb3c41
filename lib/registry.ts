import { z } from 'zod';
import { GENDERS, TAGANA_RANKS } from './domain';
import { OBJECT_ERROR, districtCode, id, optionalText, pillarCode, regencyCode, text } from './fields';
import { normalizePhone } from './phone';

/**
 * The registry's inputs (a volunteer's record, retiring, moving) and the event types its verbs write.
 * Shared by the server, the pages, the import (which checks each spreadsheet row with the same fields)
 * and the Socket.IO contract.
 */

// ---- event types (the `events.type` column) ----

/** Scope: the volunteer's province and regency (after the change), volunteerId. */
export const VOLUNTEER_EVENTS = {
  created: 'volunteer.created',
  corrected: 'volunteer.corrected',
  moved: 'volunteer.moved',
  retired: 'volunteer.retired',
  reinstated: 'volunteer.reinstated',
} as const;
export type VolunteerEventType = (typeof VOLUNTEER_EVENTS)[keyof typeof VOLUNTEER_EVENTS];

// ---- field schemas ----

/** "0812-3456-7890", "+62 812…", "62812…" → "+6281234567890"; anything else is refused with the text seen. */
export const phoneNumber = (field: string) =>
  z.string({ error: `${field} harus berupa teks.` }).transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (phone) return phone;
    const digits = value.replace(/\D/g, '');
    ctx.addIssue({
      code: 'custom',
      message:
        digits.length < 9
          ? `${field} '${value.trim()}' terlalu pendek; tulis seperti 0812-3456-7890.`
          : digits.length > 15
            ? `${field} '${value.trim()}' terlalu panjang; tulis seperti 0812-3456-7890.`
            : `${field} '${value.trim()}' bukan nomor HP Indonesia; tulis seperti 0812-3456-7890.`,
    });
    return z.NEVER;
  });

/** NIK: 16 digits (spaces and dots as people type them are dropped). */
export const nik = z
  .string({ error: 'NIK harus berupa teks.' })
  .transform((value) => value.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^\d{16}$/, { error: 'NIK harus 16 angka.' }));

export const personName = text('Nama', 120, { min: 2, minError: 'Nama paling sedikit 2 huruf.' });

export const skills = z
  .array(text('Keahlian', 40, { min: 1, minError: 'Keahlian tidak boleh kosong.' }), {
    error: 'Keahlian harus berupa daftar.',
  })
  .max(20, { error: 'Keahlian paling banyak 20.' })
  .transform((values) => [...new Set(values.map((value) => value.toLowerCase()))]);

export const birthYear = z
  .number({ error: 'Tahun lahir harus berupa angka.' })
  .int({ error: 'Tahun lahir harus angka bulat, mis. 1990.' })
  .min(1900, { error: 'Tahun lahir paling awal 1900.' })
  .refine((year) => year <= new Date().getFullYear(), { error: 'Tahun lahir tidak boleh di masa depan.' });

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** Everything a volunteer's record holds besides its home; null clears an optional field. */
export const volunteerDetails = {
  name: personName,
  phone: phoneNumber('No HP'),
  nik: nullable(nik),
  pillarCode,
  skills,
  isCivilServant: z.boolean({ error: 'ASN harus ya atau tidak.' }),
  taganaRank: nullable(
    z.enum(TAGANA_RANKS, { error: `Pangkat Tagana harus salah satu dari: ${TAGANA_RANKS.join(', ')}.` }),
  ),
  isTeamLeader: z.boolean({ error: 'Ketua regu harus ya atau tidak.' }),
  gender: nullable(z.enum(GENDERS, { error: 'Jenis kelamin harus "male" atau "female".' })),
  birthYear: nullable(birthYear),
  emergencyContactName: nullable(text('Nama kontak darurat', 120)),
  emergencyContactPhone: nullable(phoneNumber('No HP kontak darurat')),
};

/** Where the volunteer lives: kabupaten/kota, and kecamatan and desa/kelurahan where known. */
export const volunteerHome = {
  regencyCode,
  districtCode: nullable(districtCode),
  village: nullable(optionalText('Desa/kelurahan', 80)),
};

export const CreateVolunteer = z.object(
  {
    ...volunteerDetails,
    skills: skills.default([]),
    isCivilServant: volunteerDetails.isCivilServant.default(false),
    isTeamLeader: volunteerDetails.isTeamLeader.default(false),
    ...volunteerHome,
  },
  OBJECT_ERROR,
);
export type CreateVolunteer = z.infer<typeof CreateVolunteer>;

/** Only the fields sent change; the home changes through MoveVolunteer. */
export const CorrectVolunteer = z
  .object(volunteerDetails, OBJECT_ERROR)
  .partial()
  .extend({ volunteerId: id('volunteerId') });
export type CorrectVolunteer = z.infer<typeof CorrectVolunteer>;

/** What a volunteer may correct on its own record. */
export const CorrectOwnContact = z.object(
  {
    phone: volunteerDetails.phone.optional(),
    emergencyContactName: volunteerDetails.emergencyContactName,
    emergencyContactPhone: volunteerDetails.emergencyContactPhone,
  },
  OBJECT_ERROR,
);
export type CorrectOwnContact = z.infer<typeof CorrectOwnContact>;

export const MoveVolunteer = z.object({ volunteerId: id('volunteerId'), ...volunteerHome }, OBJECT_ERROR);
export type MoveVolunteer = z.infer<typeof MoveVolunteer>;

export const RetireVolunteer = z.object(
  {
    volunteerId: id('volunteerId'),
    reason: text('Alasan', 200, { min: 3, minError: 'Tulis alasannya, paling sedikit 3 huruf.' }),
  },
  OBJECT_ERROR,
);
export type RetireVolunteer = z.infer<typeof RetireVolunteer>;

export const ReinstateVolunteer = z.object({ volunteerId: id('volunteerId') }, OBJECT_ERROR);
export type ReinstateVolunteer = z.infer<typeof ReinstateVolunteer>;
