import writeXlsxFile from 'write-excel-file/node';
import type { ExportedRoster } from './export-roster';

/** A cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "@SUM", "-cmd") is written as text. */
export function defused(value: string): string {
  return /^[=@\t\r]/.test(value) || /^[+-][^\d\s]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: every field quoted, quotes doubled, CRLF between rows; a BOM so Excel reads UTF-8. */
export function rosterCsv({ columns, rows }: ExportedRoster): string {
  const field = (value: string | number | null) =>
    value === null ? '' : `"${defused(String(value)).replace(/"/g, '""')}"`;
  return `\uFEFF${[columns, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

export async function rosterXlsx({ columns, rows }: ExportedRoster): Promise<Buffer> {
  const header = columns.map((value) => ({ value, fontWeight: 'bold' as const }));
  const body = rows.map((row) =>
    row.map((value) => (value === null ? null : typeof value === 'number' ? { value } : { value: defused(value) })),
  );
  return writeXlsxFile([header, ...body], { sheet: 'Relawan', stickyRowsCount: 1 }).toBuffer();
}

/** "relawan-2026-12-01.xlsx" */
export function exportFileName(now: Date, extension: 'xlsx' | 'csv'): string {
  return `relawan-${now.toISOString().slice(0, 10)}.${extension}`;
}
