import type { z } from 'zod';
import type { Gender, TaganaRank } from '../../lib/domain';
import { TAGANA_RANKS } from '../../lib/domain';
import {
  IMPORT_FIELDS,
  IMPORT_HEADER_ALIASES,
  columnLetter,
  headerKey,
  type ImportColumn,
  type ImportField,
  type ImportMapping,
} from '../../lib/imports';
import { birthYear, nik, personName, phoneNumber, skills } from '../../lib/registry';
import { optionalText, text } from '../../lib/fields';
import type { ImportPlaces, ImportTraining } from './places';
import type { SheetCell } from './read-file';

/** What one valid row says about a volunteer; fields left empty in the sheet are absent. */
export interface ImportRecord {
  name: string;
  phone: string;
  pillarCode: string;
  regencyCode: string;
  nik?: string;
  districtCode?: string;
  village?: string;
  skills?: string[];
  gender?: Gender;
  birthYear?: number;
  isCivilServant?: boolean;
  taganaRank?: TaganaRank;
  isTeamLeader?: boolean;
  /** Trainings of the catalogue the row says the volunteer completed. */
  trainings?: ImportTraining[];
  emergencyContactName?: string;
  emergencyContactPhone?: string;
}

export interface CellProblem {
  column: string;
  message: string;
}

const FIELD_BY_KEY = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => IMPORT_HEADER_ALIASES[field].map((alias) => [alias, field] as const)),
);

/** The header's field, or null when it names nothing the roster keeps (row numbers, notes, "Masalah"). */
export function fieldOfHeader(header: string): ImportField | null {
  return FIELD_BY_KEY.get(headerKey(header)) ?? null;
}

function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return cell.date.slice(0, 10);
  return String(cell).trim();
}

/**
 * The header row: of the first 30 rows, the one with the most cells naming a known field (title rows and
 * merged banners above it name none). Null when no row names at least two.
 */
export function findHeaderRow(cells: SheetCell[][]): number | null {
  let best: { index: number; score: number } | null = null;
  cells.slice(0, 30).forEach((row, index) => {
    const fields = new Set(row.map((cell) => (typeof cell === 'string' ? fieldOfHeader(cell) : null)).filter(Boolean));
    if (fields.size >= 2 && (!best || fields.size > best.score)) best = { index, score: fields.size };
  });
  return best === null ? null : (best as { index: number }).index;
}

/** Columns under the header row, each with the field it maps to (the coordinator's correction wins). */
export function mapColumns(headerCells: SheetCell[], corrected?: ImportMapping): ImportColumn[] {
  const columns: ImportColumn[] = [];
  const seen = new Map<string, number>();
  headerCells.forEach((cell, index) => {
    const raw = cellText(cell);
    if (!raw) return;
    const times = (seen.get(raw) ?? 0) + 1;
    seen.set(raw, times);
    const header = times === 1 ? raw : `${raw} (${times})`;
    const field = corrected && Object.hasOwn(corrected, header) ? (corrected[header] ?? null) : fieldOfHeader(raw);
    columns.push({ index, letter: columnLetter(index), header, field });
  });
  // A field read from two columns would be ambiguous: the first one keeps it.
  const taken = new Set<ImportField>();
  for (const column of columns) {
    if (!column.field) continue;
    if (taken.has(column.field)) column.field = null;
    else taken.add(column.field);
  }
  return columns;
}

// Built once: a row reads thousands of times.
const phoneCell = phoneNumber('');
const villageCell = optionalText('Desa/kelurahan', 80);
const contactNameCell = text('Nama kontak darurat', 120);

function firstMessage(error: z.ZodError): string {
  return (error.issues[0]?.message ?? 'Isian tidak valid.').trim();
}

const GENDER_WORDS: Record<string, Gender> = {
  l: 'male',
  lk: 'male',
  laki: 'male',
  lakilaki: 'male',
  pria: 'male',
  m: 'male',
  male: 'male',
  p: 'female',
  pr: 'female',
  perempuan: 'female',
  wanita: 'female',
  f: 'female',
  female: 'female',
};
const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'asn', 'pns', 'v', 'x']);
const NO = new Set(['tidak', 't', 'tdk', 'no', 'n', 'false', '0', 'nonasn', 'bukan', 'bukanasn', 'honorer']);
const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  pebruari: 2,
  february: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  ags: 8,
  agustus: 8,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  nopember: 11,
  november: 11,
  des: 12,
  desember: 12,
  dec: 12,
  december: 12,
};

/** Excel counts days from 1900-01-00 (with its 1900 leap-year bug): serial 25569 is 1970-01-01. */
export function excelSerialYear(serial: number): number | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return new Date(Math.round((serial - 25_569) * 86_400_000)).getUTCFullYear();
}

/** The year of a date written as Indonesians do: 17/08/1990, 17-8-1990, 17 Agustus 1990, 1990-08-17. */
export function yearOfDateText(value: string): number | null {
  const textValue = value.trim().toLowerCase();
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(textValue);
  if (match) return validDate(+match[1]!, +match[2]!, +match[3]!);
  match = /^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{4})$/.exec(textValue);
  if (match) return validDate(+match[3]!, +match[2]!, +match[1]!);
  match = /^(\d{1,2})[-/.\s]+([a-z]+)\.?[-/.\s]+(\d{4})$/.exec(textValue);
  if (match && MONTHS[match[2]!]) return validDate(+match[3]!, MONTHS[match[2]!]!, +match[1]!);
  return null;
}

function validDate(year: number, month: number, day: number): number | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? year : null;
}

/** Reads one data row with the registry's own field rules; each problem names its column. */
export function readRow(
  cells: SheetCell[],
  columns: ImportColumn[],
  places: ImportPlaces,
): { record: ImportRecord | null; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const record: Partial<ImportRecord> = {};
  const byField = new Map<ImportField, { column: ImportColumn; cell: SheetCell }>();
  for (const column of columns) {
    if (column.field) byField.set(column.field, { column, cell: cells[column.index] ?? null });
  }
  const problem = (field: ImportField, message: string) =>
    problems.push({ column: byField.get(field)?.column.header ?? field, message });
  const valueOf = (field: ImportField) => {
    const entry = byField.get(field);
    return entry ? entry.cell : null;
  };
  const textOf = (field: ImportField) => cellText(valueOf(field));
  function parsed<T>(field: ImportField, schema: z.ZodType<T>, input: unknown): T | undefined {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    problem(field, firstMessage(result.error));
    return undefined;
  }
  const required = (field: ImportField, label: string) => {
    if (textOf(field) !== '') return true;
    problem(field, `${label} kosong; baris ini wajib diisi.`);
    return false;
  };

  if (required('name', 'Nama')) record.name = parsed('name', personName, textOf('name'));
  if (required('phone', 'No HP')) record.phone = parsed('phone', phoneCell, textOf('phone'));
  if (required('pillar', 'Pilar')) {
    const pillar = places.pillar(textOf('pillar'));
    if ('code' in pillar) record.pillarCode = pillar.code;
    else problem('pillar', pillar.error);
  }
  if (required('regency', 'Kabupaten/Kota')) {
    const regency = places.regency(textOf('regency'));
    if ('code' in regency) record.regencyCode = regency.code;
    else problem('regency', regency.error);
  }
  if (textOf('district') && record.regencyCode) {
    const district = places.district(record.regencyCode, textOf('district'));
    if ('code' in district) record.districtCode = district.code;
    else problem('district', district.error);
  }
  const nikCell = valueOf('nik');
  if (typeof nikCell === 'number') {
    problem(
      'nik',
      'NIK tersimpan sebagai angka, sehingga Excel membulatkan digit terakhirnya; format kolom NIK sebagai Teks lalu ketik ulang.',
    );
  } else if (textOf('nik')) {
    record.nik = parsed('nik', nik, textOf('nik'));
  }
  if (textOf('village')) record.village = parsed('village', villageCell, textOf('village'));
  if (textOf('skills')) {
    record.skills = parsed(
      'skills',
      skills,
      textOf('skills')
        .split(/[,;/\n]+/)
        .map((skill) => skill.trim())
        .filter(Boolean),
    );
  }
  if (textOf('gender')) {
    const gender = GENDER_WORDS[headerKey(textOf('gender'))];
    if (gender) record.gender = gender;
    else problem('gender', `'${textOf('gender')}' bukan jenis kelamin; tulis L atau P.`);
  }
  const yearCell = valueOf('birthYear');
  const dateCell = valueOf('birthDate');
  if (yearCell !== null) {
    const year =
      typeof yearCell === 'number'
        ? yearCell
        : /^\d{4}$/.test(cellText(yearCell))
          ? Number(cellText(yearCell))
          : cellText(yearCell);
    record.birthYear = parsed('birthYear', birthYear, year);
  } else if (dateCell !== null) {
    const year =
      typeof dateCell === 'object' && dateCell !== null
        ? Number(dateCell.date.slice(0, 4))
        : typeof dateCell === 'number'
          ? excelSerialYear(dateCell)
          : yearOfDateText(cellText(dateCell));
    if (year === null) {
      problem('birthDate', `'${cellText(dateCell)}' bukan tanggal; tulis seperti 17-08-1990 atau 17 Agustus 1990.`);
    } else {
      record.birthYear = parsed('birthDate', birthYear, year);
    }
  }
  for (const [field, key] of [
    ['civilServant', 'isCivilServant'],
    ['teamLeader', 'isTeamLeader'],
  ] as const) {
    const cell = valueOf(field);
    if (cell === null) continue;
    const word = typeof cell === 'boolean' ? String(cell) : headerKey(cellText(cell));
    if (YES.has(word)) record[key] = true;
    else if (NO.has(word)) record[key] = false;
    else problem(field, `'${cellText(cell)}' tidak dimengerti; tulis Ya atau Tidak.`);
  }
  if (textOf('taganaRank')) {
    const rank = TAGANA_RANKS.find((value) => value === headerKey(textOf('taganaRank')).replace(/^tagana/, ''));
    if (rank) record.taganaRank = rank;
    else problem('taganaRank', `'${textOf('taganaRank')}' bukan pangkat Tagana; tulis Muda, Madya atau Utama.`);
  }
  if (textOf('trainings')) {
    const names = [
      ...new Set(
        textOf('trainings')
          .split(/[,;\n]+/)
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    ];
    if (names.length > 20) problem('trainings', 'Pelatihan paling banyak 20 per baris.');
    else {
      const found: ImportTraining[] = [];
      for (const name of names) {
        const match = places.training(name);
        if ('error' in match) problem('trainings', match.error);
        else if (!found.some((training) => training.id === match.training.id)) found.push(match.training);
      }
      record.trainings = found;
    }
  }
  if (textOf('emergencyContactName')) {
    record.emergencyContactName = parsed('emergencyContactName', contactNameCell, textOf('emergencyContactName'));
  }
  if (textOf('emergencyContactPhone')) {
    record.emergencyContactPhone = parsed('emergencyContactPhone', phoneCell, textOf('emergencyContactPhone'));
  }
  return { record: problems.length === 0 ? (record as ImportRecord) : null, problems };
}

/** A row with no value in any cell (offices leave spacers between groups). */
export function isEmptyRow(cells: SheetCell[]): boolean {
  return cells.every((cell) => cell === null);
}
