import { NATIONAL_PILLARS } from '../lib/domain';
import { loadDistricts, loadProvinces, loadRegencies } from './areas';
import type { Database, Executor } from './client';
import { districts, pillars, provinces, regencies, volunteers } from './schema';
import { insertInChunks } from './batch';

/** What every database holds, demo or not: the official areas and the national pilar sosial. */
export interface ReferenceSeedSummary {
  provinces: number;
  regencies: number;
  districts: number;
  pillars: number;
}

/** Inserts the 38 provinces, 514 regencies, ~7,277 kecamatan and national pillars; rows already there stay. */
export async function seedReferenceData(db: Database): Promise<ReferenceSeedSummary> {
  const [provinceRows, regencyRows, districtRows] = await Promise.all([
    loadProvinces(),
    loadRegencies(),
    loadDistricts(),
  ]);
  const pillarRows = NATIONAL_PILLARS.map(({ code, name }, index) => ({ code, name, sortOrder: index + 1 }));

  await db.transaction(async (tx) => {
    await insertInChunks(tx, provinces, provinceRows, { skipExisting: true });
    await insertInChunks(tx, regencies, regencyRows, { skipExisting: true });
    await insertInChunks(tx, districts, districtRows, { skipExisting: true });
    await insertInChunks(tx, pillars, pillarRows, { skipExisting: true });
  });
  return {
    provinces: provinceRows.length,
    regencies: regencyRows.length,
    districts: districtRows.length,
    pillars: pillarRows.length,
  };
}

/** True before the first start has loaded anything: not even the provinces are there. */
export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ code: provinces.code }).from(provinces).limit(1);
  return rows.length === 0;
}

/** True once any volunteer is on the roster, demo or real: the demo must not be mixed in then. */
export async function hasVolunteers(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: volunteers.id }).from(volunteers).limit(1);
  return rows.length > 0;
}
