import { eq } from 'drizzle-orm';
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import { volunteerImports } from '../../db/schema';
import { GENDERS } from '../../lib/domain';
import { IMPORT_FIELDS, IMPORT_FIELD_LABELS } from '../../lib/imports';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError } from '../errors';
import { loadImportPlaces } from './places';
import { importScope, storedImport } from './preview-import';
import type { SheetCell } from './read-file';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADER_STYLE = { fontWeight: 'bold', backgroundColor: '#E8EEF7' } as const;

function cellOut(cell: SheetCell | undefined): Cell {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'object') return { value: new Date(cell.date), type: Date, format: 'dd/mm/yyyy' };
  if (typeof cell === 'number') return { value: cell, type: Number };
  if (typeof cell === 'boolean') return { value: cell, type: Boolean };
  return { value: cell, type: String };
}

/** The rows of an import that had problems, as they were read, with a "Masalah" column to fix them by. */
export async function importErrorsWorkbook({
  ctx,
  importId,
}: {
  ctx: ActorContext;
  importId: string;
}): Promise<{ fileName: string; bytes: Buffer }> {
  const [saved] = await ctx.db.select().from(volunteerImports).where(eq(volunteerImports.id, importId)).limit(1);
  if (!saved) throw new DomainError('NOT_FOUND', 'Impor ini tidak ditemukan.');
  requireCoordinatorFor(ctx.actor, { provinceCode: saved.provinceCode, regencyCode: saved.regencyCode });
  const { sheet, rows } = storedImport(saved);
  const width = Math.max(sheet.headerCells.length, ...rows.map((row) => row.cells.length));
  const header: Row = Array.from({ length: width }, (_, index) => {
    const cell = sheet.headerCells[index];
    return cell === null || cell === undefined
      ? null
      : { ...HEADER_STYLE, value: String(typeof cell === 'object' ? cell.date : cell) };
  });
  const missing = sheet.missing.map((field) => `Kolom ${IMPORT_FIELD_LABELS[field]} tidak ditemukan`);
  const data: Row[] = [
    [...header, { ...HEADER_STYLE, value: 'Masalah' }, { ...HEADER_STYLE, value: 'Baris asal' }],
    ...rows
      .filter((row) => row.outcome === 'error')
      .map((row): Row => [
        ...Array.from({ length: width }, (_, index) => cellOut(row.cells[index])),
        {
          value: [...missing, ...row.problems.map((problem) => `${problem.column}: ${problem.message}`)].join('; '),
          type: String,
        },
        { value: row.row, type: Number },
      ]),
  ];
  const bytes = await writeXlsxFile(data, { sheet: 'Perlu diperbaiki', stickyRowsCount: 1 }).toBuffer();
  const base =
    saved.fileName
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w.-]+/g, '-')
      .slice(0, 80) || 'impor';
  return { fileName: `${base}-masalah.xlsx`, bytes };
}

// Every field Posko reads, but the birth date: the template asks for the year, which is all Posko keeps.
const TEMPLATE_FIELDS = IMPORT_FIELDS.filter((field) => field !== 'birthDate');

/** An empty roster sheet with the columns Posko reads, and a second sheet of the values it accepts in the scope. */
export async function importTemplateWorkbook({
  ctx,
  provinceCode,
}: {
  ctx: ActorContext;
  provinceCode?: string;
}): Promise<{ fileName: string; bytes: Buffer }> {
  const scope = importScope(ctx.actor, provinceCode);
  const places = await loadImportPlaces(ctx.db, scope.provinceCode, ctx.now());
  if (places.regencies.length === 0)
    throw new DomainError('NOT_FOUND', `Provinsi ${scope.provinceCode} tidak dikenal.`);
  const regencies = places.regencies.filter((regency) => !scope.regencyCode || regency.code === scope.regencyCode);
  const districts = regencies.flatMap((regency) =>
    (places.districtsByRegency.get(regency.code) ?? []).map((district) => [regency.name, district.name] as const),
  );
  const fixed: [string, string[]][] = [
    ['Pilar', places.pillars.map((pillar) => pillar.name)],
    ['Kabupaten/Kota', regencies.map((regency) => regency.name)],
    ['Jenis Kelamin', GENDERS.map((gender) => (gender === 'male' ? 'L' : 'P'))],
    ['ASN / Ketua Regu', ['Ya', 'Tidak']],
    ['Pangkat Tagana', ['Muda', 'Madya', 'Utama']],
    ['Pelatihan (pisahkan dengan koma)', places.trainings.map((training) => training.name)],
  ];
  const length = Math.max(districts.length, ...fixed.map(([, values]) => values.length));
  const allowed: Row[] = [
    [
      ...fixed.map(([title]) => ({ ...HEADER_STYLE, value: title })),
      { ...HEADER_STYLE, value: 'Kecamatan: kabupaten/kota' },
      { ...HEADER_STYLE, value: 'Kecamatan' },
    ],
    ...Array.from({ length }, (_, index): Row => [
      ...fixed.map(([, values]) => values[index] ?? null),
      districts[index]?.[0] ?? null,
      districts[index]?.[1] ?? null,
    ]),
  ];
  const bytes = await writeXlsxFile([
    {
      sheet: 'Relawan',
      data: [TEMPLATE_FIELDS.map((field) => ({ ...HEADER_STYLE, value: IMPORT_FIELD_LABELS[field] }))],
      columns: TEMPLATE_FIELDS.map(() => ({ width: 20 })),
      stickyRowsCount: 1,
    },
    { sheet: 'Pilihan', data: allowed, columns: [...fixed, [], []].map(() => ({ width: 28 })), stickyRowsCount: 1 },
  ]).toBuffer();
  return { fileName: `templat-relawan-${scope.regencyCode ?? scope.provinceCode}.xlsx`, bytes };
}
