import { createHash } from 'node:crypto';
import { volunteerImports, type VolunteerImport } from '../../db/schema';
import {
  IMPORT_FIELD_LABELS,
  IMPORT_LIMITS,
  PreviewImportOptions,
  REQUIRED_IMPORT_FIELDS,
  type ImportColumn,
  type ImportField,
  type ImportPreview,
  type ImportProblem,
  type ImportResult,
} from '../../lib/imports';
import { PROVINCE_CODE } from '../../lib/domain';
import type { Actor } from '../../lib/roles';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { findProvince } from '../regencies/queries';
import { judgeRecords, type JudgedRow } from './judge';
import { loadImportPlaces } from './places';
import { readSpreadsheet, tooManyRows, type SheetCell } from './read-file';
import { findHeaderRow, isEmptyRow, mapColumns, readRow, type ImportRecord } from './rows';

/** A row as stored with its import: the cells as read (for the error sheet) and its verdict. */
export interface StoredImportRow extends JudgedRow {
  cells: SheetCell[];
}

/** The first entry of a stored import's rows: the sheet's shape, for the preview and the error sheet. */
export interface StoredImportSheet {
  sheets: string[];
  columns: ImportColumn[];
  headerCells: SheetCell[];
  /** Required fields no column maps to: every row is an error until the mapping names them. */
  missing: ImportField[];
}

export function storedImport(saved: VolunteerImport): { sheet: StoredImportSheet; rows: StoredImportRow[] } {
  const [sheet, ...rows] = saved.rows as [StoredImportSheet, ...StoredImportRow[]];
  return { sheet, rows };
}

export interface StoredImportSummary {
  [key: string]: number;
  headerRow: number;
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  errorRows: number;
}

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Only coordinators and admins import; the scope is the coordinator's own, or the province an admin names. */
export function importScope(
  actor: Actor,
  provinceCode: string | undefined,
): { provinceCode: string; regencyCode: string | null } {
  if (actor.role === 'admin') {
    if (!provinceCode) throw new DomainError('INVALID', 'Pilih provinsi tujuan impor.');
    if (!PROVINCE_CODE.test(provinceCode)) {
      throw new DomainError('INVALID', 'Kode provinsi harus dua angka, mis. "62".');
    }
    return { provinceCode, regencyCode: null };
  }
  if (actor.role !== 'coordinator')
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat mengimpor relawan.');
  if (provinceCode && provinceCode !== actor.scope.provinceCode) {
    throw new DomainError('FORBIDDEN', 'Ini di luar wilayah tugas Anda.');
  }
  return actor.scope;
}

/**
 * Reads an office's spreadsheet and judges every row (create, update with the fields that change,
 * unchanged, error with row and column) without touching the roster; the verdicts are kept for the commit.
 */
export async function previewImport({
  ctx,
  file,
  input,
}: {
  ctx: ActorContext;
  file: UploadedFile;
  input: unknown;
}): Promise<ImportPreview> {
  const options = parseInput(PreviewImportOptions, input ?? {});
  const scope = importScope(ctx.actor, options.provinceCode);
  if (ctx.actor.role === 'admin' && !(await findProvince(ctx.db, scope.provinceCode))) {
    throw new DomainError('NOT_FOUND', `Provinsi ${scope.provinceCode} tidak dikenal.`);
  }
  const fileName = file.fileName.trim().slice(0, 200) || 'berkas';
  const read = await readSpreadsheet(file.bytes, options.sheet);
  const headerIndex = findHeaderRow(read.cells);
  if (headerIndex === null) {
    throw new DomainError(
      'INVALID',
      `Baris judul kolom tidak ditemukan di lembar "${read.sheet}". Pastikan ada baris berisi judul seperti Nama, No HP, Pilar dan Kabupaten/Kota (unduh templatnya bila perlu).`,
    );
  }
  const columns = mapColumns(read.cells[headerIndex]!, options.mapping);
  const places = await loadImportPlaces(ctx.db, scope.provinceCode, ctx.now());
  const headerOf = (field: string) =>
    columns.find((column) => column.field === field)?.header ??
    IMPORT_FIELD_LABELS[field as keyof typeof IMPORT_FIELD_LABELS];
  const missing = REQUIRED_IMPORT_FIELDS.filter((field) => !columns.some((column) => column.field === field));

  const stored: StoredImportRow[] = [];
  const clean: { row: number; record: ImportRecord; phoneColumn: string; nikColumn: string }[] = [];
  const dataRows = read.cells.slice(headerIndex + 1);
  if (dataRows.filter((cells) => !isEmptyRow(cells)).length > IMPORT_LIMITS.maxRows) throw tooManyRows();
  dataRows.forEach((cells, offset) => {
    if (isEmptyRow(cells)) return;
    const row = headerIndex + 2 + offset;
    if (missing.length > 0) {
      stored.push({ row, cells, outcome: 'error', problems: [] });
      return;
    }
    const { record, problems } = readRow(cells, columns, places);
    if (record && scope.regencyCode && record.regencyCode !== scope.regencyCode) {
      const name = places.regencies.find((regency) => regency.code === record.regencyCode)?.name ?? record.regencyCode;
      problems.push({ column: headerOf('regency'), message: `${name} di luar wilayah tugas Anda.` });
    }
    if (!record || problems.length > 0) {
      stored.push({ row, cells, outcome: 'error', problems });
      return;
    }
    stored.push({ row, cells, outcome: 'create', problems: [] });
    clean.push({ row, record, phoneColumn: headerOf('phone'), nikColumn: headerOf('nik') });
  });
  if (stored.length === 0)
    throw new DomainError('INVALID', `Lembar "${read.sheet}" tidak berisi baris data di bawah judul kolom.`);

  const verdicts = new Map((await judgeRecords(ctx.db, ctx.actor, clean)).map((verdict) => [verdict.row, verdict]));
  const rows = stored.map((row) => ({ ...row, ...verdicts.get(row.row) }));
  const summary: StoredImportSummary = {
    headerRow: headerIndex + 1,
    rows: rows.length,
    create: rows.filter((row) => row.outcome === 'create').length,
    update: rows.filter((row) => row.outcome === 'update').length,
    unchanged: rows.filter((row) => row.outcome === 'unchanged').length,
    errorRows: rows.filter((row) => row.outcome === 'error').length,
  };

  const [saved] = await ctx.db
    .insert(volunteerImports)
    .values({
      createdBy: ctx.actor.userId,
      provinceCode: scope.provinceCode,
      regencyCode: scope.regencyCode,
      fileName,
      fileHash: createHash('sha256').update(file.bytes).digest('hex'),
      sheet: read.sheet,
      mapping: Object.fromEntries(columns.map((column) => [column.header, column.field])),
      rows: [
        { sheets: read.sheets, columns, headerCells: read.cells[headerIndex]!, missing } satisfies StoredImportSheet,
        ...rows,
      ],
      summary,
    })
    .returning();
  return previewOf(saved!);
}

/** The page's view of a stored import. */
export function previewOf(saved: VolunteerImport): ImportPreview {
  const { sheet, rows } = storedImport(saved);
  const summary = saved.summary as StoredImportSummary;
  const headerProblems: ImportProblem[] = sheet.missing.map((field) => ({
    row: summary.headerRow,
    column: IMPORT_FIELD_LABELS[field],
    message: `Kolom ${IMPORT_FIELD_LABELS[field]} tidak ditemukan; pilih kolomnya di pemetaan.`,
  }));
  return {
    id: saved.id,
    fileName: saved.fileName,
    sheet: saved.sheet,
    sheets: sheet.sheets,
    headerRow: summary.headerRow,
    columns: sheet.columns,
    mapping: Object.fromEntries(sheet.columns.map((column) => [column.header, column.field])),
    rows: summary.rows,
    create: summary.create,
    update: summary.update,
    unchanged: summary.unchanged,
    errorRows: summary.errorRows,
    errors: [
      ...headerProblems,
      ...rows.flatMap((row) => row.problems.map((problem) => ({ row: row.row, ...problem }))),
    ],
    updates: rows
      .filter((row) => row.outcome === 'update')
      .map((row) => ({ row: row.row, name: row.record?.name ?? '', changes: row.changes ?? [] })),
    committed: (saved.result as ImportResult | null) ?? null,
  };
}
