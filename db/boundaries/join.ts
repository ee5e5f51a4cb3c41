import type { Feature, Geometry } from 'geojson';
import type { ProvinceArea, RegencyArea, RegencyKind } from '../areas';

/** The attributes of a GADM 4.1 level-2 feature that the join reads (names are CamelCase, no spaces). */
export interface GadmRegencyProperties {
  NAME_1: string;
  NAME_2: string;
  TYPE_2: string;
}
export type GadmRegency = Feature<Geometry, GadmRegencyProperties>;

export interface UnjoinedGadmRegency {
  province: string;
  name: string;
  type: string;
}

export interface GadmJoin {
  /** Official regency code → the GADM features that draw it (usually one). */
  joined: Map<string, GadmRegency[]>;
  /** Land features that match no official regency. */
  unjoined: UnjoinedGadmRegency[];
  /** Official regency codes no GADM feature draws (regencies newer than GADM), in code order. */
  withoutPolygon: string[];
}

/** Lakes GADM stores as level-2 areas; they are not regencies. */
const WATER_BODY = 'WaterBody';

/** GADM province names (normalised) that differ from the official ones. */
const PROVINCE_ALIASES: Record<string, string> = {
  jakartaraya: 'dkijakarta',
  yogyakarta: 'daerahistimewayogyakarta',
  bangkabelitung: 'kepulauanbangkabelitung',
};

/** Papua and Papua Barat were split into six provinces in 2022; GADM still draws the old two. */
const SPLIT_PAPUA = { gadmProvinces: ['papua', 'papuabarat'], officialProvinces: ['91', '92', '93', '94', '95', '96'] };

/**
 * GADM names (normalised) of regencies renamed since, or spelled differently, → the official name.
 * Tried only when the GADM name matches nothing, so Kota Pontianak still joins Kota Pontianak.
 */
const REGENCY_ALIASES: Record<string, string> = {
  tobasamosir: 'toba', // renamed 2020
  mamujuutara: 'pasangkayu', // renamed 2017
  malukutenggarabarat: 'kepulauantanimbar', // renamed 2019
  pontianak: 'mempawah', // the kabupaten, renamed 2014
  pakpakbarat: 'pakpakbharat',
  padangsidimpuan: 'padangsidempuan',
  tanjungjabungb: 'tanjungjabungbarat', // GADM abbreviates Barat/Timur
  tanjungjabungt: 'tanjungjabungtimur',
  siautagulandangbiaro: 'kepulauansiautagulandangbiaro',
};

/** Lowercase letters and digits only: "Tojo Una-Una", "TojoUna-Una" and "TOJO UNA UNA" all agree. */
function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Join keys for a GADM name: as written, then without a leading "Kota"/"Kabupaten"/"Administrasi" word
 * ("KotaSerang" → "serang"). The literal form comes first because "KotaBaru" is Kabupaten Kotabaru.
 */
function gadmNameKeys(name: string): string[] {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').split(/\s+/);
  while (words.length > 1 && /^(kota|kabupaten|administrasi)$/i.test(words[0] ?? '')) words.shift();
  return [...new Set([normaliseName(name), normaliseName(words.join(' '))])];
}

function gadmKinds(type: string): RegencyKind[] {
  if (type === 'Kabupaten') return ['kabupaten'];
  if (type === 'Kota') return ['kota'];
  return ['kabupaten', 'kota']; // Kalimantan Utara's features carry no type
}

type RegencyIndex = Map<string, string>;
const indexKey = (kind: RegencyKind, name: string) => `${kind}:${name}`;

function indexRegencies(regencies: RegencyArea[]): RegencyIndex {
  return new Map(regencies.map((regency) => [indexKey(regency.kind, normaliseName(regency.shortName)), regency.code]));
}

function findInIndex(index: RegencyIndex | undefined, kinds: RegencyKind[], names: string[]): string | undefined {
  if (!index) return undefined;
  for (const name of names) {
    for (const kind of kinds) {
      const code = index.get(indexKey(kind, name));
      if (code) return code;
    }
  }
  return undefined;
}

/**
 * Matches GADM level-2 features to official regencies by kind and normalised name, within the feature's
 * province first; GADM's `CC_2` codes are wrong for about 40% of features and are never read.
 */
export function joinGadmToOfficial(
  features: GadmRegency[],
  provinces: ProvinceArea[],
  regencies: RegencyArea[],
): GadmJoin {
  const provinceCodeByName = new Map(provinces.map((province) => [normaliseName(province.name), province.code]));
  const indexByProvince = new Map<string, RegencyIndex>(
    provinces.map((province) => [
      province.code,
      indexRegencies(regencies.filter((regency) => regency.provinceCode === province.code)),
    ]),
  );
  const papuaIndex = indexRegencies(
    regencies.filter((regency) => SPLIT_PAPUA.officialProvinces.includes(regency.provinceCode)),
  );

  const joined = new Map<string, GadmRegency[]>();
  const unjoined: UnjoinedGadmRegency[] = [];
  for (const feature of features) {
    const { NAME_1: province, NAME_2: name, TYPE_2: type } = feature.properties;
    if (type === WATER_BODY) continue;
    const provinceName = normaliseName(province);
    const provinceCode = provinceCodeByName.get(PROVINCE_ALIASES[provinceName] ?? provinceName);
    const scopes = [provinceCode === undefined ? undefined : indexByProvince.get(provinceCode)];
    if (SPLIT_PAPUA.gadmProvinces.includes(provinceName)) scopes.push(papuaIndex);

    const kinds = gadmKinds(type);
    const names = gadmNameKeys(name);
    const aliases = names.flatMap((key) => REGENCY_ALIASES[key] ?? []);
    let code: string | undefined;
    for (const scope of scopes) {
      code = findInIndex(scope, kinds, names) ?? findInIndex(scope, kinds, aliases);
      if (code) break;
    }
    if (code) joined.set(code, [...(joined.get(code) ?? []), feature]);
    else unjoined.push({ province, name, type });
  }

  const withoutPolygon = regencies
    .map((regency) => regency.code)
    .filter((code) => !joined.has(code))
    .sort();
  return { joined, unjoined, withoutPolygon };
}
