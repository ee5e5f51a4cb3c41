import { z } from 'zod';
import { PROVINCE_CODE } from './domain';
import { text } from './fields';

/**
 * The contract of the roster import (XLSX/CSV): the fields a column can carry, the names offices give
 * those columns, the limits on a file and the preview the page shows before anything is written.
 */

/** Scope: the import's province (and the importer's regency, when it has one); payload: the counts. */
export const VOLUNTEER_IMPORTED = 'volunteer.imported';

export const IMPORT_LIMITS = {
  /** Bytes of the uploaded file (the form around it may add a little). */
  maxBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
  /** Bytes once unzipped, over every part of an XLSX, and the ratio one part may inflate by. */
  maxUnzippedBytes: 400 * 1024 * 1024,
  maxInflateRatio: 200,
} as const;

export const IMPORT_FIELDS = [
  'name',
  'phone',
  'nik',
  'pillar',
  'regency',
  'district',
  'village',
  'skills',
  'gender',
  'birthYear',
  'birthDate',
  'civilServant',
  'taganaRank',
  'teamLeader',
  'trainings',
  'emergencyContactName',
  'emergencyContactPhone',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Without these a row cannot become a volunteer. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['name', 'phone', 'pillar', 'regency'];

/** How the template and the messages name each field. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  name: 'Nama',
  phone: 'No HP',
  nik: 'NIK',
  pillar: 'Pilar',
  regency: 'Kabupaten/Kota',
  district: 'Kecamatan',
  village: 'Desa/Kelurahan',
  skills: 'Keahlian',
  gender: 'Jenis Kelamin',
  birthYear: 'Tahun Lahir',
  birthDate: 'Tanggal Lahir',
  civilServant: 'ASN',
  taganaRank: 'Pangkat Tagana',
  teamLeader: 'Ketua Regu',
  trainings: 'Pelatihan',
  emergencyContactName: 'Nama Kontak Darurat',
  emergencyContactPhone: 'No HP Kontak Darurat',
};

/** Column headers as offices write them, compared lower case with everything but letters and digits removed. */
export const IMPORT_HEADER_ALIASES: Record<ImportField, string[]> = {
  name: ['nama', 'namalengkap', 'namarelawan', 'name', 'fullname'],
  phone: [
    'nohp',
    'nomorhp',
    'hp',
    'telepon',
    'telp',
    'notelp',
    'notelepon',
    'nomortelepon',
    'wa',
    'nowa',
    'nomorwa',
    'whatsapp',
    'nohpwa',
    'phone',
    'phonenumber',
    'mobile',
  ],
  nik: ['nik', 'noktp', 'nomorktp', 'ktp', 'nomorindukkependudukan'],
  pillar: ['pilar', 'unsur', 'pilarsosial', 'pilarunsur', 'pillar'],
  regency: ['kabupatenkota', 'kabupaten', 'kota', 'kabkota', 'kab', 'regency'],
  district: ['kecamatan', 'kec', 'district'],
  village: ['desakelurahan', 'desa', 'kelurahan', 'desakel', 'village'],
  skills: ['keahlian', 'keterampilan', 'skills', 'skill'],
  gender: ['jeniskelamin', 'jk', 'lp', 'kelamin', 'gender', 'sex'],
  birthYear: ['tahunlahir', 'thnlahir', 'birthyear'],
  birthDate: ['tanggallahir', 'tgllahir', 'birthdate', 'dateofbirth'],
  civilServant: ['asn', 'asnnonasn', 'statusasn', 'pns', 'civilservant'],
  taganaRank: ['pangkattagana', 'pangkat', 'tingkattagana', 'rank'],
  teamLeader: ['ketuaregu', 'teamleader'],
  trainings: ['pelatihan', 'pelatihanyangdiikuti', 'riwayatpelatihan', 'diklat', 'training', 'trainings'],
  emergencyContactName: ['namakontakdarurat', 'kontakdarurat', 'emergencycontact', 'emergencycontactname'],
  emergencyContactPhone: [
    'nohpkontakdarurat',
    'hpkontakdarurat',
    'nokontakdarurat',
    'teleponkontakdarurat',
    'emergencyphone',
    'emergencycontactphone',
  ],
};

/** "No. HP" → "nohp": the key a header is matched by. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A corrected mapping from the coordinator: column header → field, or null to leave the column out. */
export const ImportMapping = z.record(
  text('Judul kolom', 200),
  z.enum(IMPORT_FIELDS, { error: 'Bidang pemetaan tidak dikenal.' }).nullable(),
  { error: 'Pemetaan harus berupa objek JSON: judul kolom → bidang.' },
);
export type ImportMapping = z.infer<typeof ImportMapping>;

/** The form fields besides the file. */
export const PreviewImportOptions = z.object({
  sheet: text('Lembar', 200).optional(),
  mapping: ImportMapping.optional(),
  /** Admins name the province the file belongs to; coordinators import into their own. */
  provinceCode: z.string().regex(PROVINCE_CODE, { error: 'Kode provinsi harus dua angka, mis. "62".' }).optional(),
});
export type PreviewImportOptions = z.infer<typeof PreviewImportOptions>;

export const IMPORT_OUTCOMES = ['create', 'update', 'unchanged', 'error'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** One problem: the row as the spreadsheet numbers it, the column's header, what to fix. */
export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

export interface ImportColumn {
  /** 0-based position in the sheet. */
  index: number;
  /** "A", "B", … as Excel labels it. */
  letter: string;
  header: string;
  field: ImportField | null;
}

export interface ImportChange {
  field: ImportField;
  from: string | null;
  to: string | null;
}

export interface ImportUpdate {
  row: number;
  name: string;
  changes: ImportChange[];
}

/** The answer to an upload: nothing is written to the roster until it is committed. */
export interface ImportPreview {
  id: string;
  fileName: string;
  sheet: string;
  sheets: string[];
  /** The row the headers were found on. */
  headerRow: number;
  columns: ImportColumn[];
  mapping: Record<string, ImportField | null>;
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  errorRows: number;
  errors: ImportProblem[];
  updates: ImportUpdate[];
  committed: ImportResult | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}
