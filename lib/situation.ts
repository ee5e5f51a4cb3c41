import { z } from 'zod';
import { OBJECT_ERROR, districtCode, id, idempotencyKey, latitude, longitude, optionalText, text } from './fields';

/**
 * The situation of an incident: rapid assessments (kaji cepat) from the field, the figures they add up
 * to, and the numbered situation reports (Laporan Situasi). Shared by the server, the pages and the
 * Socket.IO contract.
 */

/** The counts every assessment carries and the totals add up, in the order reports list them. */
export const FIGURE_KEYS = [
  'dead',
  'missing',
  'injuredSevere',
  'injuredLight',
  'displacedFamilies',
  'displacedPeople',
  'housesHeavy',
  'housesModerate',
  'housesLight',
  'housesFlooded',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

/** Vulnerable groups among the displaced: balita, lansia, ibu hamil, penyandang disabilitas. */
export const VULNERABLE_KEYS = ['infants', 'elderly', 'pregnant', 'disabled'] as const;
export type VulnerableKey = (typeof VULNERABLE_KEYS)[number];
export type Vulnerable = Record<VulnerableKey, number>;

/** The words of the report itself, which is always in Bahasa Indonesia. */
export const FIGURE_LABELS: Record<FigureKey, string> = {
  dead: 'Meninggal',
  missing: 'Hilang',
  injuredSevere: 'Luka berat',
  injuredLight: 'Luka ringan',
  displacedFamilies: 'Pengungsi (KK)',
  displacedPeople: 'Pengungsi (jiwa)',
  housesHeavy: 'Rumah rusak berat',
  housesModerate: 'Rumah rusak sedang',
  housesLight: 'Rumah rusak ringan',
  housesFlooded: 'Rumah terendam',
};
export const VULNERABLE_LABELS: Record<VulnerableKey, string> = {
  infants: 'Balita',
  elderly: 'Lansia',
  pregnant: 'Ibu hamil',
  disabled: 'Penyandang disabilitas',
};

/** Items a field worker picks from (with a quantity); anything else goes in the free text. */
export const NEED_ITEMS = [
  'Makanan siap saji',
  'Air bersih',
  'Beras',
  'Tenda',
  'Terpal',
  'Selimut',
  'Velbed',
  'Matras',
  'Pakaian',
  'Obat-obatan',
  'Perlengkapan bayi',
  'Pembalut',
  'Perahu karet',
  'Genset',
] as const;

export const ASSESSMENT_STATUSES = ['unverified', 'verified', 'rejected'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT_EVENTS = {
  submitted: 'assessment.submitted',
  verified: 'assessment.verified',
  rejected: 'assessment.rejected',
  photoAdded: 'assessment.photo_added',
} as const;
export const SITREP_EVENTS = { issued: 'sitrep.issued' } as const;
export type SituationEventType =
  (typeof ASSESSMENT_EVENTS)[keyof typeof ASSESSMENT_EVENTS] | (typeof SITREP_EVENTS)[keyof typeof SITREP_EVENTS];
export const isSituationEvent = (type: string) => type.startsWith('assessment.') || type.startsWith('sitrep.');

const MAX_COUNT = 10_000_000;
const count = (label: string) =>
  z
    .number({ error: `${label} harus berupa angka.` })
    .int({ error: `${label} harus angka bulat.` })
    .min(0, { error: `${label} tidak boleh negatif.` })
    .max(MAX_COUNT, { error: `${label} paling banyak 10.000.000.` })
    .default(0);

export const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
export const villageCode = z
  .string({ error: 'Kode desa/kelurahan harus berupa teks.' })
  .regex(VILLAGE_CODE, { error: 'Kode desa/kelurahan harus seperti "62.03.01.2001".' });

const figureFields = Object.fromEntries(FIGURE_KEYS.map((key) => [key, count(FIGURE_LABELS[key])])) as Record<
  FigureKey,
  ReturnType<typeof count>
>;
const vulnerableFields = Object.fromEntries(
  VULNERABLE_KEYS.map((key) => [key, count(VULNERABLE_LABELS[key])]),
) as Record<VulnerableKey, ReturnType<typeof count>>;

export const UrgentNeed = z.object(
  {
    item: text('Barang', 80, { min: 1, minError: 'Nama barang tidak boleh kosong.' }),
    quantity: z
      .number({ error: 'Jumlah harus berupa angka.' })
      .int({ error: 'Jumlah harus angka bulat.' })
      .min(1, { error: 'Jumlah paling sedikit 1.' })
      .max(MAX_COUNT, { error: 'Jumlah paling banyak 10.000.000.' }),
  },
  OBJECT_ERROR,
);
export type UrgentNeed = z.infer<typeof UrgentNeed>;

/** One rapid assessment of one place (a desa/kelurahan, or a whole kecamatan) of the incident's kabupaten. */
export const SubmitAssessment = z
  .object(
    {
      incidentId: id('incidentId'),
      districtCode,
      villageCode: villageCode.optional(),
      ...figureFields,
      vulnerable: z
        .object(vulnerableFields, OBJECT_ERROR)
        .default({ infants: 0, elderly: 0, pregnant: 0, disabled: 0 }),
      shelter: optionalText('Tempat pengungsian', 300),
      publicFacilities: optionalText('Fasilitas umum rusak', 1000, 'lines'),
      urgentNeeds: z
        .array(UrgentNeed, { error: 'Kebutuhan mendesak harus berupa daftar.' })
        .max(20, { error: 'Kebutuhan mendesak paling banyak 20 barang.' })
        .default([]),
      needsText: optionalText('Kebutuhan lain', 2000, 'lines'),
      lat: latitude.optional(),
      lng: longitude.optional(),
      idempotencyKey,
    },
    OBJECT_ERROR,
  )
  .refine((value) => (value.lat === undefined) === (value.lng === undefined), {
    error: 'Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.',
    path: ['lat'],
  })
  .refine((value) => value.villageCode === undefined || value.villageCode.startsWith(`${value.districtCode}.`), {
    error: 'Desa/kelurahan tidak berada di kecamatan yang dipilih.',
    path: ['villageCode'],
  })
  .refine((value) => value.displacedFamilies <= value.displacedPeople, {
    error: 'Pengungsi (KK) tidak boleh lebih banyak dari pengungsi (jiwa).',
    path: ['displacedFamilies'],
  })
  .superRefine((value, context) => {
    for (const key of VULNERABLE_KEYS) {
      if (value.vulnerable[key] > value.displacedPeople) {
        context.addIssue({
          code: 'custom',
          path: ['vulnerable', key],
          message: `${VULNERABLE_LABELS[key]} tidak boleh lebih banyak dari pengungsi (jiwa).`,
        });
      }
    }
  });
export type SubmitAssessment = z.input<typeof SubmitAssessment>;

export const VerifyAssessment = z
  .object(
    {
      assessmentId: id('assessmentId'),
      verified: z.boolean({ error: 'verified harus true (sahkan) atau false (tolak).' }),
      reason: optionalText('Alasan', 300),
    },
    OBJECT_ERROR,
  )
  .refine((value) => value.verified || value.reason !== undefined, {
    error: 'Tulis alasan penolakan, agar pelapor tahu apa yang harus diperbaiki.',
    path: ['reason'],
  });
export type VerifyAssessment = z.input<typeof VerifyAssessment>;

export const IncidentFiguresQuery = z.object({ incidentId: id('incidentId') }, OBJECT_ERROR);

const amount = (label: string) =>
  z
    .number({ error: `${label} harus berupa angka.` })
    .min(0, { error: `${label} tidak boleh negatif.` })
    .max(1e9, { error: `${label} terlalu besar.` });

/** One row of the aid table, as the coordinator enters it; the shortfall defaults to needed − received. */
export const AidRow = z.object(
  {
    item: text('Barang', 80, { min: 1, minError: 'Nama barang tidak boleh kosong.' }),
    unit: optionalText('Satuan', 30),
    needed: amount('Dibutuhkan'),
    received: amount('Diterima'),
    distributed: amount('Disalurkan'),
    inStock: amount('Persediaan'),
    shortfall: amount('Kekurangan').optional(),
  },
  OBJECT_ERROR,
);
export type AidRow = z.infer<typeof AidRow>;

export const IssueSitrep = z.object(
  {
    incidentId: id('incidentId'),
    cause: optionalText('Penyebab', 2000, 'lines'),
    obstacles: optionalText('Kendala', 2000, 'lines'),
    urgentNeeds: z
      .array(text('Kebutuhan mendesak', 200, { min: 1, minError: 'Kebutuhan mendesak tidak boleh kosong.' }), {
        error: 'Kebutuhan mendesak harus berupa daftar.',
      })
      .max(20, { error: 'Kebutuhan mendesak paling banyak 20 baris.' })
      .default([]),
    followUp: optionalText('Rencana tindak lanjut', 2000, 'lines'),
    posko: optionalText('Posko', 1000, 'lines'),
    kitchen: optionalText('Dapur umum', 1000, 'lines'),
    aid: z
      .array(AidRow, { error: 'Tabel bantuan harus berupa daftar.' })
      .max(40, {
        error: 'Tabel bantuan paling banyak 40 baris.',
      })
      .default([]),
  },
  OBJECT_ERROR,
);
export type IssueSitrep = z.input<typeof IssueSitrep>;

export const SitrepRef = z.object({ sitrepId: id('sitrepId') }, OBJECT_ERROR);

export const ZERO_FIGURES: Figures = Object.fromEntries(FIGURE_KEYS.map((key) => [key, 0])) as Figures;
export const ZERO_VULNERABLE: Vulnerable = { infants: 0, elderly: 0, pregnant: 0, disabled: 0 };

export function addFigures<T extends string>(into: Record<T, number>, from: Record<T, number>, keys: readonly T[]) {
  for (const key of keys) into[key] += from[key];
}

export function differenceOf(now: Figures, then: Figures): Figures {
  return Object.fromEntries(FIGURE_KEYS.map((key) => [key, now[key] - then[key]])) as Figures;
}

/** What the submitter gets back (and what a retried phone command reads back from its receipt). */
export const AssessmentAnswer = z.object({
  id: z.string(),
  incidentId: z.string(),
  districtCode: z.string(),
  villageCode: z.string().nullable(),
  placeName: z.string(),
  status: z.enum(ASSESSMENT_STATUSES),
  createdAt: z.string(),
});
export type AssessmentAnswer = z.infer<typeof AssessmentAnswer>;

/** Photos of an assessment: shrunk on the phone to about `targetBytes`, refused by the server above `maxBytes`. */
export const PHOTO_LIMITS = {
  perAssessment: 3,
  maxBytes: 400 * 1024,
  targetBytes: 200 * 1024,
  longestSide: 1280,
} as const;
/** What the 413 says: the phone shrinks its photos well below the cap, so only a stranger's upload meets it. */
export const PHOTO_TOO_LARGE = `Foto lebih dari ${PHOTO_LIMITS.maxBytes / 1024} KB. Kecilkan fotonya (mis. sisi terpanjang 1280 piksel) lalu kirim lagi.`;
export const PHOTO_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** The upload of one photo: its bytes as sent (the type is read from them), with the phone's key. */
export const AddAssessmentPhoto = z.object(
  {
    assessmentId: id('assessmentId'),
    idempotencyKey,
    data: z.instanceof(Uint8Array, { error: 'Foto harus dikirim sebagai isi permintaan (byte gambar).' }),
  },
  OBJECT_ERROR,
);
export type AddAssessmentPhoto = z.input<typeof AddAssessmentPhoto>;

export const AssessmentPhotoRef = z.object(
  {
    assessmentId: id('assessmentId'),
    n: z.coerce
      .number({ error: 'Nomor foto harus angka 1 sampai 3.' })
      .int({ error: 'Nomor foto harus angka 1 sampai 3.' })
      .min(1, { error: 'Nomor foto harus angka 1 sampai 3.' })
      .max(PHOTO_LIMITS.perAssessment, { error: 'Nomor foto harus angka 1 sampai 3.' }),
  },
  OBJECT_ERROR,
);

export const PhotoAnswer = z.object({
  assessmentId: z.string(),
  n: z.number(),
  contentType: z.enum(PHOTO_TYPES),
  bytes: z.number(),
  url: z.string(),
});
export type PhotoAnswer = z.infer<typeof PhotoAnswer>;

/** Where a photo is served. */
export const photoUrl = (assessmentId: string, n: number) => `/api/assessments/${assessmentId}/photos/${n}`;
