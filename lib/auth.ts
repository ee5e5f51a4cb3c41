import { z } from 'zod';
import { exactText, text } from './fields';

/** The shapes the sign-in and activation forms send; the server parses them again. */

export const SignIn = z.object({
  login: text('Nomor HP atau nama pengguna', 60, { min: 1, minError: 'Isi nomor HP atau nama pengguna.' }),
  password: exactText('Kata sandi', 200, { min: 1, minError: 'Isi kata sandi.' }),
});
export type SignIn = z.infer<typeof SignIn>;

export const MIN_PASSWORD_LENGTH = 8;

export const NewPassword = exactText('Kata sandi', 200, {
  min: MIN_PASSWORD_LENGTH,
  minError: `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`,
});

export const Activate = z.object({ password: NewPassword });
export type Activate = z.infer<typeof Activate>;

/** The signed-in person as the pages see them (no secrets). */
export interface Me {
  userId: string;
  name: string;
  role: 'admin' | 'coordinator' | 'leader' | 'volunteer';
  /** "Provinsi Kalimantan Tengah", "Kabupaten Kapuas" or "Seluruh Indonesia". */
  scopeLabel: string;
  provinceCode: string | null;
  regencyCode: string | null;
  volunteerId: string | null;
  home: string;
}

/** How long an activation link stays usable. */
export const ACTIVATION_TTL_HOURS = 72;

export const IssueActivations = z.object({
  volunteerIds: z
    .array(z.uuid({ error: 'Setiap relawan harus dipilih dari daftar.' }))
    .min(1, 'Pilih paling sedikit satu relawan.')
    .max(500, 'Paling banyak 500 relawan sekaligus.'),
});
export type IssueActivations = z.infer<typeof IssueActivations>;

export const CreateAccount = z
  .object({
    role: z.enum(['admin', 'coordinator', 'leader'], { error: 'Peran harus admin, koordinator atau pimpinan.' }),
    displayName: text('Nama', 120, { min: 2, minError: 'Isi nama lengkap.' }),
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,40}$/, 'Nama pengguna 3–40 huruf kecil, angka, titik, garis bawah atau tanda hubung.'),
    phone: text('No HP', 30).optional(),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/, 'Kode provinsi dua angka, mis. 62.')
      .optional(),
    regencyCode: z
      .string()
      .regex(/^\d{2}\.\d{2}$/, 'Kode kabupaten/kota seperti 62.03.')
      .optional(),
  })
  .refine((account) => account.role === 'admin' || account.provinceCode, {
    message: 'Koordinator dan pimpinan perlu provinsi.',
    path: ['provinceCode'],
  })
  .refine((account) => account.role !== 'admin' || (!account.provinceCode && !account.regencyCode), {
    message: 'Admin tidak dibatasi wilayah.',
    path: ['provinceCode'],
  })
  .refine((account) => !account.regencyCode || account.regencyCode.startsWith(`${account.provinceCode}.`), {
    message: 'Kabupaten/kota harus berada di provinsi yang dipilih.',
    path: ['regencyCode'],
  });
export type CreateAccount = z.infer<typeof CreateAccount>;

export const EndSessions = z.object({
  userId: z.uuid({ error: 'Akun tidak dikenal.' }),
  /** Also lock the account until an admin or coordinator issues a new activation link. */
  disable: z.boolean().default(false),
});
export type EndSessions = z.infer<typeof EndSessions>;
