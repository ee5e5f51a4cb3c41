import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { RegencyKind, TimeZone } from '../lib/domain';

/** Official administrative areas (Kemendagri codes) as shipped by idn-area-data (ODbL). */
export interface ProvinceArea {
  code: string;
  name: string;
  timeZone: IndonesianTimeZone;
}
export interface RegencyArea {
  code: string;
  provinceCode: string;
  kind: RegencyKind;
  /** "Kabupaten Kapuas", "Kota Palangka Raya": unambiguous across the country. */
  name: string;
  /** "Kapuas", "Palangka Raya": for map labels and tight lists. */
  shortName: string;
}
export interface DistrictArea {
  code: string;
  regencyCode: string;
  name: string;
}
export interface VillageArea {
  code: string;
  districtCode: string;
  name: string;
}
export type { RegencyKind } from '../lib/domain';
export type IndonesianTimeZone = TimeZone;

/** Words kept in capitals when the all-caps official names are title-cased. */
const ACRONYMS = new Set(['DKI']);
/** Spellings the data source runs together that the official name separates. */
const SHORT_NAME_FIXES: Record<string, string> = { '62.71': 'Palangka Raya' };

export function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .split(/\s+/)
    .map((word) =>
      ACRONYMS.has(word.toUpperCase()) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
}

/** WIB west of the Makassar Strait, WITA for Bali–Nusa Tenggara, east Kalimantan and Sulawesi, WIT for Maluku and Papua. */
export function provinceTimeZone(code: string): IndonesianTimeZone {
  const n = Number(code);
  if (n >= 81) return 'Asia/Jayapura';
  if ((n >= 51 && n <= 53) || (n >= 63 && n <= 76)) return 'Asia/Makassar';
  return 'Asia/Jakarta';
}

export function parseRegencyName(
  code: string,
  official: string,
): { kind: RegencyKind; name: string; shortName: string } {
  const match = /^(KABUPATEN|KOTA)\s+(?:ADMINISTRASI\s+)?(.+)$/.exec(official.trim());
  if (!match) throw new Error(`Regency ${code} has an unexpected name: ${official}`);
  const [, prefix, rest = ''] = match;
  const kind: RegencyKind = prefix === 'KOTA' ? 'kota' : 'kabupaten';
  const shortName = SHORT_NAME_FIXES[code] ?? titleCase(rest);
  return { kind, shortName, name: `${kind === 'kota' ? 'Kota' : 'Kabupaten'} ${shortName}` };
}

export async function loadProvinces(): Promise<ProvinceArea[]> {
  const rows = await getProvinces();
  return rows.map((row) => ({ code: row.code, name: titleCase(row.name), timeZone: provinceTimeZone(row.code) }));
}

export async function loadRegencies(): Promise<RegencyArea[]> {
  const rows = await getRegencies();
  return rows.map((row) => ({
    code: row.code,
    provinceCode: row.province_code,
    ...parseRegencyName(row.code, row.name),
  }));
}

export async function loadDistricts(): Promise<DistrictArea[]> {
  const rows = await getDistricts();
  return rows.map((row) => ({ code: row.code, regencyCode: row.regency_code, name: row.name }));
}

/** About 83,000 desa/kelurahan; not stored in the database, read once by what needs them. */
export async function loadVillages(): Promise<VillageArea[]> {
  const rows = await getVillages();
  return rows.map((row) => ({ code: row.code, districtCode: row.district_code, name: row.name }));
}
