import { parse as parseCsv } from 'csv-parse/sync';
import { Unzip, UnzipInflate } from 'fflate';
import readXlsxFile, { InvalidInputError } from 'read-excel-file/node';
import { IMPORT_LIMITS } from '../../lib/imports';
import { DomainError } from '../errors';

/** A cell as read: dates (typed as dates in Excel) are kept apart from numbers and text. */
export type SheetCell = string | number | boolean | null | { date: string };

export interface ReadSheet {
  sheets: string[];
  sheet: string;
  /** Row i is the spreadsheet's row i + 1. */
  cells: SheetCell[][];
}

const NOT_A_SPREADSHEET =
  'Berkas ini bukan spreadsheet yang bisa dibaca. Unggah berkas Excel (.xlsx) atau CSV; berkas .xls lama simpan dulu sebagai .xlsx.';
const PASSWORD =
  'Berkas ini dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File → Info → Lindungi Buku Kerja), simpan, lalu unggah lagi.';
const LEGACY_XLS =
  'Berkas .xls (Excel 97–2003) tidak didukung. Buka di Excel dan simpan sebagai .xlsx, lalu unggah lagi.';
const CORRUPT =
  'Berkas Excel ini rusak atau tidak lengkap. Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.';
const ZIP_BOMB =
  'Isi berkas ini jauh lebih besar daripada ukurannya (terkompresi tidak wajar), jadi tidak dibaca. Simpan ulang dari Excel lalu unggah lagi.';
const EMPTY = 'Lembar ini kosong: tidak ada baris untuk diimpor.';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** An Office file saved with a password is an OLE container holding an "EncryptedPackage" stream. */
function isEncryptedOffice(bytes: Uint8Array): boolean {
  const marker = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker);
}

/**
 * Inflates every part once, counting the real bytes (a header's declared size can lie), and refuses
 * before the reader does the same with no limit.
 */
function guardZip(bytes: Uint8Array): ZipParts {
  let total = 0;
  let failed: DomainError | null = null;
  const parts: ZipParts = { workbook: '', relations: '', merges: new Map() };
  const decoder = new TextDecoder();
  const unzip = new Unzip((file) => {
    let inflated = 0;
    // Merged ranges sit after the sheet's cells; a small carry keeps a tag split between chunks whole.
    let carry = '';
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(file.name);
    file.ondata = (error, chunk, final) => {
      if (failed) return;
      if (error) {
        failed = new DomainError('INVALID', CORRUPT);
        return;
      }
      inflated += chunk.length;
      total += chunk.length;
      const ratioLimit = Math.max(file.size ?? 0, 64 * 1024) * IMPORT_LIMITS.maxInflateRatio;
      if (total > IMPORT_LIMITS.maxUnzippedBytes || inflated > ratioLimit) {
        failed = new DomainError('INVALID', ZIP_BOMB);
        file.terminate();
        return;
      }
      if (file.name === 'xl/workbook.xml') parts.workbook += decoder.decode(chunk, { stream: !final });
      else if (file.name === 'xl/_rels/workbook.xml.rels') parts.relations += decoder.decode(chunk, { stream: !final });
      else if (isSheet) {
        const textChunk = carry + decoder.decode(chunk, { stream: !final });
        const ranges = parts.merges.get(file.name) ?? [];
        for (const match of textChunk.matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)) ranges.push(match[1]!);
        if (ranges.length) parts.merges.set(file.name, ranges);
        const cut = textChunk.lastIndexOf('<');
        carry = cut >= 0 && textChunk.length - cut < 200 ? textChunk.slice(cut) : '';
      }
    };
    if (file.compression !== 0 && file.compression !== 8) {
      failed ??= new DomainError('INVALID', CORRUPT);
      return;
    }
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    const step = 1024 * 1024;
    for (let start = 0; start < bytes.length && !failed; start += step) {
      unzip.push(bytes.subarray(start, start + step), start + step >= bytes.length);
    }
  } catch {
    throw new DomainError('INVALID', CORRUPT);
  }
  if (failed) throw failed;
  return parts;
}

interface ZipParts {
  workbook: string;
  relations: string;
  /** Worksheet part → its merged ranges ("A1:H1"). */
  merges: Map<string, string[]>;
}

/** The merged ranges of the sheet with this name, found through the workbook's relations. */
function mergesOf(parts: ZipParts, sheetName: string): string[] {
  const escaped = sheetName.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const sheetTag = [...parts.workbook.matchAll(/<sheet\b[^>]*>/g)].find((tag) => tag[0].includes(`name="${escaped}"`));
  const relationId = sheetTag && /r:id="([^"]+)"/.exec(sheetTag[0])?.[1];
  const relation =
    relationId &&
    [...parts.relations.matchAll(/<Relationship\b[^>]*>/g)].find((tag) => tag[0].includes(`Id="${relationId}"`));
  const target = relation && /Target="([^"]+)"/.exec(relation[0])?.[1];
  if (!target) return [];
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return parts.merges.get(path) ?? [];
}

function cellPosition(ref: string): { row: number; column: number } {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let column = 0;
  for (const letter of letters!) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(digits) - 1, column: column - 1 };
}

/** A merged range shows one value across its cells; the file keeps it only in the first, so spread it. */
function spreadMerges(cells: SheetCell[][], ranges: string[]): void {
  for (const range of ranges) {
    const [from, to] = range.split(':').map(cellPosition) as [
      { row: number; column: number },
      { row: number; column: number },
    ];
    if ((to.row - from.row + 1) * (to.column - from.column + 1) > 10_000) continue;
    const value = cells[from.row]?.[from.column] ?? null;
    for (let row = from.row; row <= to.row && row < cells.length; row++) {
      for (let column = from.column; column <= to.column; column++) cells[row]![column] = value;
    }
  }
}

function cellOf(value: unknown): SheetCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { date: value.toISOString() };
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

async function readXlsx(bytes: Uint8Array, wanted: string | undefined): Promise<ReadSheet> {
  const parts = guardZip(bytes);
  if (!parts.workbook) throw new DomainError('INVALID', NOT_A_SPREADSHEET);
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    if (error instanceof InvalidInputError && error.code !== 'INVALID_ZIP') {
      throw new DomainError('INVALID', NOT_A_SPREADSHEET);
    }
    throw new DomainError('INVALID', CORRUPT);
  }
  if (sheets.length === 0) throw new DomainError('INVALID', EMPTY);
  const names = sheets.map((sheet) => sheet.sheet);
  const chosen = wanted ? sheets.find((sheet) => sheet.sheet === wanted) : sheets[0];
  if (!chosen) {
    throw new DomainError(
      'INVALID',
      `Lembar "${wanted}" tidak ada di berkas ini. Pilih salah satu: ${names.join(', ')}.`,
    );
  }
  const cells = chosen.data.map((row) => row.map(cellOf));
  spreadMerges(cells, mergesOf(parts, chosen.sheet));
  return { sheets: names, sheet: chosen.sheet, cells };
}

/** The delimiter that splits the first lines most evenly: offices export with ";" as often as ",". */
function delimiterOf(text: string): string {
  const head = text.split(/\r?\n/, 10).join('\n');
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, n: head.split(delimiter).length }));
  return counts.sort((a, b) => b.n - a.n)[0]!.delimiter;
}

function readCsv(bytes: Uint8Array): ReadSheet {
  if (bytes.subarray(0, 8192).includes(0)) throw new DomainError('INVALID', NOT_A_SPREADSHEET);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch {
    throw new DomainError(
      'INVALID',
      'Berkas CSV ini tidak bisa dibaca: periksa tanda kutipnya, atau simpan ulang dari Excel.',
    );
  }
  return { sheets: ['CSV'], sheet: 'CSV', cells: records.map((row) => row.map(cellOf)) };
}

/** The sheet an office uploaded, as rows of cells; every kind of bad file is refused with its own message. */
export async function readSpreadsheet(bytes: Uint8Array, wanted?: string): Promise<ReadSheet> {
  if (bytes.length === 0) throw new DomainError('INVALID', 'Berkas yang diunggah kosong.');
  if (bytes.length > IMPORT_LIMITS.maxBytes) throw tooLarge();
  let read: ReadSheet;
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new DomainError('INVALID', isEncryptedOffice(bytes) ? PASSWORD : LEGACY_XLS);
  } else if (startsWith(bytes, ZIP_MAGIC)) {
    read = await readXlsx(bytes, wanted);
  } else {
    read = readCsv(bytes);
  }
  while (read.cells.length > 0 && read.cells.at(-1)!.every((cell) => cell === null)) read.cells.pop();
  if (read.cells.length === 0) throw new DomainError('INVALID', EMPTY);
  if (read.cells.length > IMPORT_LIMITS.maxRows + 50) throw tooManyRows();
  return read;
}

export function tooLarge(): DomainError {
  return new DomainError(
    'INVALID',
    'Berkas lebih dari 20 MB. Bagi daftarnya menjadi beberapa berkas, lalu unggah satu per satu.',
  );
}

export function tooManyRows(): DomainError {
  return new DomainError(
    'INVALID',
    `Lembar ini berisi lebih dari ${IMPORT_LIMITS.maxRows.toLocaleString('id-ID')} baris. Bagi menjadi beberapa berkas.`,
  );
}
