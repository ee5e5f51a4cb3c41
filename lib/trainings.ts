import { z } from 'zod';
import { PROVINCE_CODE, TRAINING_KINDS, type TimeZone } from './domain';
import { OBJECT_ERROR, id, optionalText, text } from './fields';

/**
 * The trainings catalogue (bimtek, latsar, diklat Tagana, camps) and who completed each: inputs, the event
 * types its verbs write, and how long a certificate counts. Shared by the server and the pages.
 */

// ---- event types (the `events.type` column) ----

/** Scope: the training's province; attendance events also name the kabupaten/kota when all share one. */
export const TRAINING_EVENTS = {
  created: 'training.created',
  updated: 'training.updated',
  attendanceRecorded: 'training.attendance_recorded',
  attendanceRemoved: 'training.attendance_removed',
} as const;
export type TrainingEventType = (typeof TRAINING_EVENTS)[keyof typeof TRAINING_EVENTS];

// ---- certificates ----

/** A certificate that ends within this many days is "segera kedaluwarsa". */
export const EXPIRING_WITHIN_DAYS = 60;

/** valid: "berlaku sampai …" (or for good); expiring: within 60 days; expired: its last day has passed. */
export const CERTIFICATE_STATUSES = ['valid', 'expiring', 'expired'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

const dayFormats = new Map<TimeZone, Intl.DateTimeFormat>();

/** The calendar day ("2026-12-01") an instant falls on in a province's zone. */
export function dayIn(instant: Date, timeZone: TimeZone): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** "2026-01-31" + 1 month → "2026-02-28": the month's last day when the day does not exist (as PostgreSQL). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const d = new Date(Date.UTC(targetYear, targetMonth, Math.min(date, lastDay)));
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The certificate's last day: (certificate date, or completion) + the training's months; null for good. */
export function certificateValidUntil(
  completion: { completedOn: string; certifiedOn?: string | null },
  validMonths: number | null,
): string | null {
  if (validMonths === null) return null;
  return addMonths(completion.certifiedOn ?? completion.completedOn, validMonths);
}

/** How a certificate stands on `today` (a day in the province's zone). */
export function certificateStatus(validUntil: string | null, today: string): CertificateStatus {
  if (validUntil === null) return 'valid';
  if (validUntil < today) return 'expired';
  return validUntil <= addDays(today, EXPIRING_WITHIN_DAYS) ? 'expiring' : 'valid';
}

// ---- field schemas ----

/** A calendar day "2026-11-22" that exists. */
export const isoDay = (field: string) =>
  z
    .string({ error: `${field} harus berupa tanggal, mis. "2026-11-22".` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field} harus berupa tanggal seperti "2026-11-22".` })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value, {
      error: `${field} bukan tanggal yang ada.`,
    })
    .refine((value) => value >= '1990-01-01' && value <= '2100-12-31', {
      error: `${field} harus antara tahun 1990 dan 2100.`,
    });

export const validMonths = z
  .number({ error: 'Masa berlaku harus berupa angka bulan, atau kosong bila berlaku seterusnya.' })
  .int({ error: 'Masa berlaku harus bilangan bulat (bulan).' })
  .min(1, { error: 'Masa berlaku paling sedikit 1 bulan.' })
  .max(600, { error: 'Masa berlaku paling lama 600 bulan (50 tahun).' })
  .nullable();

const trainingDetails = {
  kind: z.enum(TRAINING_KINDS, { error: `Jenis pelatihan harus salah satu dari: ${TRAINING_KINDS.join(', ')}.` }),
  name: text('Nama pelatihan', 200, { min: 3, minError: 'Nama pelatihan paling sedikit 3 huruf.' }),
  organiser: text('Penyelenggara', 200, { min: 3, minError: 'Penyelenggara paling sedikit 3 huruf.' }),
  startsOn: isoDay('Tanggal mulai'),
  endsOn: isoDay('Tanggal selesai'),
  place: optionalText('Tempat', 200),
  validMonths,
};

const DATES_IN_ORDER = { error: 'Tanggal selesai tidak boleh sebelum tanggal mulai.', path: ['endsOn'] };

export const CreateTraining = z
  .object(
    {
      provinceCode: z
        .string({ error: 'Kode provinsi harus berupa teks.' })
        .regex(PROVINCE_CODE, { error: 'Kode provinsi dua angka, mis. "62".' }),
      ...trainingDetails,
      validMonths: validMonths.default(null),
    },
    OBJECT_ERROR,
  )
  .refine((input) => input.endsOn >= input.startsOn, DATES_IN_ORDER);
export type CreateTraining = z.infer<typeof CreateTraining>;

/** Only the fields sent change; `place: null` clears the place, `validMonths: null` makes it valid for good. */
export const UpdateTraining = z
  .object(
    {
      trainingId: id('trainingId'),
      ...trainingDetails,
      place: text('Tempat', 200).nullable(),
    },
    OBJECT_ERROR,
  )
  .partial()
  .required({ trainingId: true });
export type UpdateTraining = z.infer<typeof UpdateTraining>;

/** At most this many volunteers in one batch (the Kalteng camp had 1,000). */
export const MAX_ATTENDANCE_BATCH = 2_000;

/**
 * Who attended: ids picked from the roster and/or pasted lines, one phone number or name each. Lines that
 * match nobody, or several people, stop the batch unless `skipUnmatched` is set.
 */
export const AttendanceSelection = z
  .object(
    {
      trainingId: id('trainingId'),
      volunteerIds: z
        .array(id('volunteerId'), { error: 'Relawan harus berupa daftar.' })
        .max(MAX_ATTENDANCE_BATCH, { error: `Paling banyak ${MAX_ATTENDANCE_BATCH} relawan sekaligus.` })
        .default([]),
      lines: text('Daftar tempelan', 200_000, { kind: 'lines' }).default(''),
    },
    OBJECT_ERROR,
  )
  .refine((input) => pastedLines(input.lines).length <= MAX_ATTENDANCE_BATCH, {
    error: `Paling banyak ${MAX_ATTENDANCE_BATCH} baris sekaligus.`,
    path: ['lines'],
  });
export type AttendanceSelection = z.infer<typeof AttendanceSelection>;

export const RecordAttendance = z
  .object(
    {
      ...AttendanceSelection.shape,
      completedOn: isoDay('Tanggal selesai pelatihan'),
      certifiedOn: isoDay('Tanggal sertifikat').nullable().optional(),
      skipUnmatched: z.boolean({ error: 'Lewati yang tidak cocok harus ya atau tidak.' }).default(false),
    },
    OBJECT_ERROR,
  )
  .refine((input) => pastedLines(input.lines).length <= MAX_ATTENDANCE_BATCH, {
    error: `Paling banyak ${MAX_ATTENDANCE_BATCH} baris sekaligus.`,
    path: ['lines'],
  })
  .refine((input) => input.volunteerIds.length > 0 || pastedLines(input.lines).length > 0, {
    error: 'Pilih relawan dari daftar, atau tempel nomor HP atau nama, satu per baris.',
    path: ['lines'],
  })
  .refine((input) => !input.certifiedOn || input.certifiedOn >= input.completedOn, {
    error: 'Tanggal sertifikat tidak boleh sebelum tanggal selesai pelatihan.',
    path: ['certifiedOn'],
  });
export type RecordAttendance = z.infer<typeof RecordAttendance>;

export const RemoveAttendance = z.object(
  { trainingId: id('trainingId'), volunteerId: id('volunteerId') },
  OBJECT_ERROR,
);
export type RemoveAttendance = z.infer<typeof RemoveAttendance>;

/** The pasted text as lines to resolve: trimmed, blank ones dropped; `line` is the 1-based line number. */
export function pastedLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((value, index) => ({ line: index + 1, text: value.trim().replace(/^[\d]+[.)]\s+/, '') }))
    .filter((entry) => entry.text.length > 0);
}

/** A pasted line that matched nobody or more than one volunteer in the coordinator's scope. */
export interface UnresolvedLine {
  line: number;
  text: string;
  problem: 'none' | 'several';
  /** Who it could be, when several (at most a few). */
  candidates?: { id: string; name: string; phone: string; regencyName: string }[];
}

/** Who a selection resolved to, before anything is written. */
export interface AttendancePreview {
  matched: { id: string; name: string; phone: string; regencyName: string; line: number | null; already: boolean }[];
  unresolved: UnresolvedLine[];
}
