import { z } from 'zod';
import { GENDERS, PROVINCE_CODE } from './domain';
import { OBJECT_ERROR, dateTime, districtCode, id, optionalText, pillarCode, regencyCode, text } from './fields';
import { birthYear, nik, personName, phoneNumber } from './registry';

/**
 * Sign-up by QR at a camp or bimtek: the coordinator's link, the public form a volunteer fills on the
 * phone, and the approval. Shared by the server, the coordinator's pages and the public form.
 */

/** Scope: the link's province (and kabupaten when it has one). Payloads name no phone number. */
export const SIGNUP_EVENTS = {
  linkOpened: 'signup.link_opened',
  linkClosed: 'signup.link_closed',
  received: 'signup.received',
  approved: 'signup.approved',
  rejected: 'signup.rejected',
} as const;
export type SignupEventType = (typeof SIGNUP_EVENTS)[keyof typeof SIGNUP_EVENTS];

/** A sign-up form's body is a few hundred bytes; anything far larger is not a person typing. */
export const MAX_SIGNUP_BODY_BYTES = 8 * 1024;

/** Sign-ups per address per hour: a whole camp behind one NAT (1,000 people in an hour) gets through. */
export const SIGNUPS_PER_ADDRESS_PER_HOUR = 3_000;

/** The longest a sign-up link stays open. */
export const MAX_LINK_DAYS = 31;

export const CreateSignupLink = z.object(
  {
    title: text('Nama kegiatan', 120, { min: 3, minError: 'Nama kegiatan paling sedikit 3 huruf.' }),
    provinceCode: z.string({ error: 'Provinsi harus berupa teks.' }).regex(PROVINCE_CODE, {
      error: 'Kode provinsi dua angka, mis. "62".',
    }),
    regencyCode: regencyCode.nullable().optional(),
    pillarCode,
    trainingId: id('Pelatihan').nullable().optional(),
    validUntil: dateTime('Berlaku sampai'),
  },
  OBJECT_ERROR,
);
export type CreateSignupLink = z.infer<typeof CreateSignupLink>;

export const CloseSignupLink = z.object({ linkId: id('linkId') }, OBJECT_ERROR);
export type CloseSignupLink = z.infer<typeof CloseSignupLink>;

/** A form field as a browser sends it: an empty field means "not given". */
const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

/** The public form, as the browser posts it (every value a string). */
export const SubmitSignup = z.object(
  {
    token: z.string({ error: 'Tautan pendaftaran tidak dikenal.' }).regex(/^[A-Za-z0-9_-]{20,43}$/, {
      error: 'Tautan pendaftaran tidak dikenal.',
    }),
    name: personName,
    phone: phoneNumber('No HP'),
    nik: blank(nik),
    regencyCode: blank(regencyCode),
    districtCode: z.string({ error: 'Pilih kecamatan.' }).pipe(districtCode),
    village: optionalText('Desa/kelurahan', 80),
    gender: blank(z.enum(GENDERS, { error: 'Pilih jenis kelamin: laki-laki atau perempuan.' })),
    birthYear: blank(z.coerce.number({ error: 'Tahun lahir harus berupa angka, mis. 1990.' }).pipe(birthYear)),
    skills: blank(text('Keahlian', 300, { kind: 'lines' })).transform((value) =>
      value
        ? [
            ...new Set(
              value
                .split(/[,;\n]/)
                .map((skill) => skill.trim().toLowerCase().slice(0, 40))
                .filter(Boolean),
            ),
          ].slice(0, 20)
        : [],
    ),
    consent: z.literal('yes', { error: 'Centang persetujuan agar data Anda boleh disimpan.' }),
  },
  OBJECT_ERROR,
);
export type SubmitSignup = z.infer<typeof SubmitSignup>;

/** Approve some of a link's sign-ups, or every one still waiting. */
export const ApproveSignups = z.union(
  [
    z.object({ linkId: id('linkId'), all: z.literal(true) }, OBJECT_ERROR),
    z.object(
      {
        linkId: id('linkId'),
        signupIds: z
          .array(id('signupId'), { error: 'signupIds harus berupa daftar.' })
          .min(1, { error: 'Pilih paling sedikit satu pendaftar.' })
          .max(2_000, { error: 'Paling banyak 2.000 pendaftar sekaligus.' }),
      },
      OBJECT_ERROR,
    ),
  ],
  { error: 'Kirim { linkId, all: true } atau { linkId, signupIds: [...] }.' },
);
export type ApproveSignups = z.infer<typeof ApproveSignups>;

export const RejectSignup = z.object({ signupId: id('signupId') }, OBJECT_ERROR);
export type RejectSignup = z.infer<typeof RejectSignup>;

/** Open, closed by the coordinator, or past its time. */
export type SignupLinkState = 'open' | 'closed' | 'expired';

export function signupLinkState(link: { closedAt: Date | null; validUntil: Date }, now: Date): SignupLinkState {
  if (link.closedAt) return 'closed';
  return link.validUntil.getTime() <= now.getTime() ? 'expired' : 'open';
}
