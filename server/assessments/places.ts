import { asc, eq } from 'drizzle-orm';
import { loadVillages, type VillageArea } from '../../db/areas';
import type { Executor } from '../../db/client';
import { districts } from '../../db/schema';
import { DomainError } from '../errors';

export interface PlaceChoice {
  code: string;
  name: string;
  villages: { code: string; name: string }[];
}

let villagesByDistrict: Promise<Map<string, VillageArea[]>> | undefined;

/** The official desa/kelurahan of each kecamatan, read from the area data once per process. */
function villageIndex(): Promise<Map<string, VillageArea[]>> {
  villagesByDistrict ??= loadVillages().then((rows) => {
    const index = new Map<string, VillageArea[]>();
    for (const row of rows) {
      const list = index.get(row.districtCode) ?? [];
      list.push(row);
      index.set(row.districtCode, list);
    }
    for (const list of index.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'id'));
    return index;
  });
  return villagesByDistrict;
}

/** Every kecamatan of a kabupaten/kota with its desa/kelurahan: what an assessment's place is picked from. */
export async function assessmentPlaces(db: Executor, regencyCode: string): Promise<PlaceChoice[]> {
  const [rows, index] = await Promise.all([
    db
      .select({ code: districts.code, name: districts.name })
      .from(districts)
      .where(eq(districts.regencyCode, regencyCode))
      .orderBy(asc(districts.name)),
    villageIndex(),
  ]);
  return rows.map((row) => ({
    ...row,
    villages: (index.get(row.code) ?? []).map(({ code, name }) => ({ code, name })),
  }));
}

/** The desa/kelurahan, which must be one of the kecamatan's official list; an INVALID naming the field otherwise. */
export async function villageOf(districtCode: string, villageCode: string): Promise<VillageArea> {
  const village = (await villageIndex()).get(districtCode)?.find((row) => row.code === villageCode);
  if (!village) {
    throw new DomainError('INVALID', 'Desa/kelurahan tidak dikenal.', {
      villageCode: [`Desa/kelurahan dengan kode ${villageCode} tidak ada di kecamatan ${districtCode}.`],
    });
  }
  return village;
}
