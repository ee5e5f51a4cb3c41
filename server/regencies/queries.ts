import { and, asc, count, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  pillars,
  provinces,
  regencies,
  volunteers,
  volunteerTrainings,
  type Pillar,
  type Province,
} from '../../db/schema';
import { emptyCounts, type RegencyAvailability } from '../../lib/availability';
import type { VolunteerFilter } from '../../lib/command-centre';

export async function findProvince(db: Executor, code: string): Promise<Province | undefined> {
  const [province] = await db.select().from(provinces).where(eq(provinces.code, code)).limit(1);
  return province;
}

/** National pillars and the province's own, in display order. */
export async function pillarsForProvince(db: Executor, provinceCode: string): Promise<Pillar[]> {
  const rows = await db.select().from(pillars).orderBy(asc(pillars.sortOrder), asc(pillars.name));
  return rows.filter((pillar) => pillar.provinceCode === null || pillar.provinceCode === provinceCode);
}

/** Active (not retired) volunteers, of one pillar and/or with one completed training. */
function volunteerCondition(db: Executor, filter: VolunteerFilter): SQL | undefined {
  return and(
    isNull(volunteers.retiredAt),
    filter.pillarCode ? eq(volunteers.pillarCode, filter.pillarCode) : undefined,
    filter.trainingId
      ? inArray(
          volunteers.id,
          db
            .select({ id: volunteerTrainings.volunteerId })
            .from(volunteerTrainings)
            .where(eq(volunteerTrainings.trainingId, filter.trainingId)),
        )
      : undefined,
  );
}

/**
 * Volunteers per regency of a province (null: of every province) by availability and pillar; every
 * regency appears, with zeros when it has nobody. `onlyRegencies` narrows it to the ones a change
 * touched; `filter` counts only volunteers of a pillar and/or a completed training.
 */
export async function availabilityByRegency(
  db: Executor,
  provinceCode: string | null,
  onlyRegencies?: string[],
  filter: VolunteerFilter = {},
): Promise<RegencyAvailability[]> {
  const regencyFilter = and(
    provinceCode === null ? undefined : eq(regencies.provinceCode, provinceCode),
    onlyRegencies ? inArray(regencies.code, onlyRegencies) : undefined,
  );
  const [regencyRows, countRows] = await Promise.all([
    db
      .select({ code: regencies.code, name: regencies.name, shortName: regencies.shortName, kind: regencies.kind })
      .from(regencies)
      .where(regencyFilter)
      .orderBy(asc(regencies.code)),
    db
      .select({
        regencyCode: volunteers.regencyCode,
        pillarCode: volunteers.pillarCode,
        availability: volunteers.availability,
        volunteers: count(),
      })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(and(regencyFilter, volunteerCondition(db, filter)))
      .groupBy(volunteers.regencyCode, volunteers.pillarCode, volunteers.availability),
  ]);

  const byCode = new Map<string, RegencyAvailability>(
    regencyRows.map((regency) => [regency.code, { ...regency, ...emptyCounts(), byPillar: {} }]),
  );
  for (const row of countRows) {
    const entry = byCode.get(row.regencyCode);
    if (!entry) continue;
    entry[row.availability] += row.volunteers;
    const pillar = (entry.byPillar[row.pillarCode] ??= emptyCounts());
    pillar[row.availability] += row.volunteers;
  }
  return [...byCode.values()];
}
