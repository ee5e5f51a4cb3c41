import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';

/**
 * A roster spreadsheet as offices keep them: a merged title above the header, Indonesian headers,
 * phones in five formats, a birth date stored as an Excel serial number, a kabupaten cell merged over
 * two rows, and optionally seven planted mistakes of different kinds.
 */

export const ROSTER_HEADERS = [
  'No',
  'Nama Lengkap',
  'No. HP',
  'NIK',
  'Pilar/Unsur',
  'Kab/Kota',
  'Kecamatan',
  'Jenis Kelamin',
  'Tanggal Lahir',
  'Keahlian',
];
/** Row 1 title, row 2 subtitle, row 3 empty, row 4 the header: data starts at row 5. */
export const FIRST_DATA_ROW = 5;

export interface PlantedError {
  row: number;
  column: string;
}

/** The phone of person `index` of a batch: unique per `seed`, written in one of five formats. */
export function phoneOf(seed: number, index: number): { e164: string; written: Cell } {
  const national = `8${String(seed).padStart(2, '0').slice(-2)}${String(index).padStart(8, '0')}`;
  const e164 = `+62${national}`;
  const groups = `${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`;
  const formats: Cell[] = [
    `0${groups}`,
    `+62 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
    `62${national}`,
    `0${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
    { value: Number(`62${national}`), type: Number },
  ];
  return { e164, written: formats[index % formats.length] };
}

export interface RosterFile {
  bytes: Buffer;
  planted: PlantedError[];
  /** The E.164 phones of the rows that are valid. */
  validPhones: string[];
}

export async function rosterWorkbook({
  count,
  seed = 1,
  regency = 'Kab. Kapuas',
  planted = false,
}: {
  count: number;
  seed?: number;
  regency?: string;
  planted?: boolean;
}): Promise<RosterFile> {
  const rows: Row[] = [
    [{ value: 'DAFTAR RELAWAN DINAS SOSIAL PROVINSI KALIMANTAN TENGAH', columnSpan: ROSTER_HEADERS.length }],
    ['Keadaan per 1 Desember 2026'],
    [],
    ROSTER_HEADERS.map((header) => ({ value: header, fontWeight: 'bold' as const })),
  ];
  const mistakes: PlantedError[] = [];
  const validPhones: string[] = [];
  for (let index = 0; index < count; index++) {
    const row = FIRST_DATA_ROW + index;
    const phone = phoneOf(seed, index);
    const cells: Cell[] = [
      index + 1,
      `Relawan Impor ${seed}-${index + 1}`,
      phone.written,
      null,
      ['Tagana', 'psm', 'TKSK', 'Pendamping PKH'][index % 4]!,
      regency,
      ['Selat', 'kapuas hilir', 'Kec. Basarang', 'MANTANGAI'][index % 4]!,
      index % 2 ? 'P' : 'Laki-laki',
      index % 3 === 0
        ? { value: 32_000 + index, type: Number }
        : index % 3 === 1
          ? `17-08-19${70 + (index % 30)}`
          : null,
      'P3K, dapur umum',
    ];
    let mistake: string | null = null;
    if (planted) {
      const plant = (column: string, position: number, value: Cell) => {
        cells[position] = value;
        mistake = column;
      };
      if (index === 3) plant('No. HP', 2, '0812-345');
      if (index === 10) plant('Pilar/Unsur', 4, 'Pramuka');
      if (index === 20) plant('Kab/Kota', 5, 'Kabupaten Atlantis');
      if (index === 30) plant('Kecamatan', 6, 'Pahandut');
      if (index === 40) plant('NIK', 3, '12345');
      if (index === 50) plant('Nama Lengkap', 1, null);
      if (index === 60) plant('Jenis Kelamin', 7, 'X');
    }
    if (mistake) mistakes.push({ row, column: mistake });
    else validPhones.push(phone.e164);
    rows.push(cells);
  }
  // The kabupaten of the last two rows is one merged cell, as offices merge a group's kabupaten.
  if (count >= 2) {
    rows[rows.length - 2]![5] = { value: regency, rowSpan: 2 };
    rows[rows.length - 1]![5] = null;
  }
  const bytes = await writeXlsxFile(rows, { sheet: 'Relawan' }).toBuffer();
  return { bytes, planted: mistakes, validPhones };
}
