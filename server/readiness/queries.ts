import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { coverageRules, districts, pillars, readinessMinimums, regencies, volunteers } from '../../db/schema';
import {
  ReadinessQuery,
  type CoverageRuleStatus,
  type ProvinceReadiness,
  type ReadinessMinimumStatus,
  type UncoveredDistrict,
} from '../../lib/readiness';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { latestEventId } from '../events/queries';
import { requireIncidentViewer } from '../incidents/queries';
import { findProvince, pillarsForProvince } from '../regencies/queries';

const countOf = (query: SQL) => sql<number>`(${query})::int`.mapWith(Number);

/**
 * Each minimum of a province with the volunteers of its pillar on standby now (siaga and not retired).
 * One counted subquery per rule, on the (regency, availability) index: a province has at most a few
 * hundred rules.
 */
async function minimumsOf(db: Executor, provinceCode: string): Promise<ReadinessMinimumStatus[]> {
  const rows = await db
    .select({
      regencyCode: readinessMinimums.regencyCode,
      regencyName: regencies.name,
      pillarCode: readinessMinimums.pillarCode,
      pillarName: pillars.name,
      minimumAvailable: readinessMinimums.minimumAvailable,
      available: countOf(sql`select count(*) from ${volunteers}
        where ${volunteers.regencyCode} = ${readinessMinimums.regencyCode}
          and ${volunteers.pillarCode} = ${readinessMinimums.pillarCode}
          and ${volunteers.availability} = 'available' and ${volunteers.retiredAt} is null`),
    })
    .from(readinessMinimums)
    .innerJoin(regencies, eq(regencies.code, readinessMinimums.regencyCode))
    .innerJoin(pillars, eq(pillars.code, readinessMinimums.pillarCode))
    .where(eq(regencies.provinceCode, provinceCode))
    .orderBy(asc(readinessMinimums.regencyCode), asc(pillars.sortOrder), asc(pillars.name));
  return rows.map((row) => ({ ...row, shortBy: Math.max(0, row.minimumAvailable - row.available) }));
}

/**
 * Every kecamatan under a coverage rule of the province with fewer active volunteers of the rule's
 * pillar than it asks. Active volunteers are counted once per (kecamatan, pillar) of a ruled
 * kabupaten/kota, then joined to the province's kecamatan: two passes, however many rules.
 */
async function uncoveredOf(db: Executor, provinceCode: string): Promise<UncoveredDistrict[]> {
  const active = db
    .select({
      districtCode: volunteers.districtCode,
      pillarCode: volunteers.pillarCode,
      n: sql<number>`count(*)::int`.as('n'),
    })
    .from(volunteers)
    .innerJoin(
      coverageRules,
      and(eq(coverageRules.regencyCode, volunteers.regencyCode), eq(coverageRules.pillarCode, volunteers.pillarCode)),
    )
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(
      and(eq(regencies.provinceCode, provinceCode), isNull(volunteers.retiredAt), isNotNull(volunteers.districtCode)),
    )
    .groupBy(volunteers.districtCode, volunteers.pillarCode)
    .as('active');
  const activeCount = sql<number>`coalesce(${active.n}, 0)`.mapWith(Number);
  return db
    .select({
      districtCode: districts.code,
      districtName: districts.name,
      regencyCode: coverageRules.regencyCode,
      regencyName: regencies.name,
      pillarCode: coverageRules.pillarCode,
      pillarName: pillars.name,
      active: activeCount,
      required: coverageRules.minimumPerDistrict,
    })
    .from(coverageRules)
    .innerJoin(regencies, eq(regencies.code, coverageRules.regencyCode))
    .innerJoin(pillars, eq(pillars.code, coverageRules.pillarCode))
    .innerJoin(districts, eq(districts.regencyCode, coverageRules.regencyCode))
    .leftJoin(active, and(eq(active.districtCode, districts.code), eq(active.pillarCode, coverageRules.pillarCode)))
    .where(and(eq(regencies.provinceCode, provinceCode), sql`${activeCount} < ${coverageRules.minimumPerDistrict}`))
    .orderBy(asc(coverageRules.regencyCode), asc(pillars.sortOrder), asc(pillars.name), asc(districts.name));
}

async function rulesOf(db: Executor, provinceCode: string): Promise<Omit<CoverageRuleStatus, 'uncovered'>[]> {
  return db
    .select({
      regencyCode: coverageRules.regencyCode,
      regencyName: regencies.name,
      pillarCode: coverageRules.pillarCode,
      pillarName: pillars.name,
      minimumPerDistrict: coverageRules.minimumPerDistrict,
      districts: countOf(
        sql`select count(*) from ${districts} where ${districts.regencyCode} = ${coverageRules.regencyCode}`,
      ),
    })
    .from(coverageRules)
    .innerJoin(regencies, eq(regencies.code, coverageRules.regencyCode))
    .innerJoin(pillars, eq(pillars.code, coverageRules.pillarCode))
    .where(eq(regencies.provinceCode, provinceCode))
    .orderBy(asc(coverageRules.regencyCode), asc(pillars.sortOrder), asc(pillars.name));
}

/** A province's readiness rules and what falls short of them now, read after `position`. */
export async function provinceReadiness(db: Executor, provinceCode: string): Promise<ProvinceReadiness> {
  const position = await latestEventId(db);
  const [minimums, rules, uncovered] = await Promise.all([
    minimumsOf(db, provinceCode),
    rulesOf(db, provinceCode),
    uncoveredOf(db, provinceCode),
  ]);
  const uncoveredPerRule = new Map<string, number>();
  for (const district of uncovered) {
    const key = `${district.regencyCode} ${district.pillarCode}`;
    uncoveredPerRule.set(key, (uncoveredPerRule.get(key) ?? 0) + 1);
  }
  return {
    provinceCode,
    position,
    minimums,
    rules: rules.map((rule) => ({
      ...rule,
      uncovered: uncoveredPerRule.get(`${rule.regencyCode} ${rule.pillarCode}`) ?? 0,
    })),
    belowMinimum: minimums
      .filter((minimum) => minimum.shortBy > 0)
      .sort((a, b) => b.shortBy - a.shortBy || a.regencyCode.localeCompare(b.regencyCode)),
    uncovered,
  };
}

/** The readiness of a province, for its staff and leaders (admins: every province). */
export async function loadReadiness({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<ProvinceReadiness> {
  const { provinceCode } = parseInput(ReadinessQuery, input);
  requireIncidentViewer(ctx.actor, provinceCode);
  if (!(await findProvince(ctx.db, provinceCode))) {
    throw new DomainError('NOT_FOUND', `Provinsi ${provinceCode} tidak dikenal.`);
  }
  return provinceReadiness(ctx.db, provinceCode);
}

/** What the settings form offers: the province's kabupaten/kota and the pillars it knows. */
export async function readinessChoices(
  db: Executor,
  provinceCode: string,
): Promise<{ regencies: { code: string; name: string }[]; pillars: { code: string; name: string }[] }> {
  const [regencyRows, pillarRows] = await Promise.all([
    db
      .select({ code: regencies.code, name: regencies.name })
      .from(regencies)
      .where(eq(regencies.provinceCode, provinceCode))
      .orderBy(asc(regencies.code)),
    pillarsForProvince(db, provinceCode),
  ]);
  return { regencies: regencyRows, pillars: pillarRows.map(({ code, name }) => ({ code, name })) };
}
