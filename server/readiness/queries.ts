import { asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { regencies } from '../../db/schema';
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

/**
 * Each minimum of a province with the volunteers of its pillar on standby now (siaga and not retired).
 * One counted subquery per rule, on the (regency, availability) index: a province has at most a few
 * hundred rules.
 */
async function minimumsOf(db: Executor, provinceCode: string): Promise<ReadinessMinimumStatus[]> {
  const rows = await queryRows<Omit<ReadinessMinimumStatus, 'shortBy'>>(
    db,
    sql`
    select m.regency_code as "regencyCode", r.name as "regencyName", m.pillar_code as "pillarCode",
      p.name as "pillarName", m.minimum_available as "minimumAvailable",
      (select count(*) from volunteers v
        where v.regency_code = m.regency_code and v.pillar_code = m.pillar_code
          and v.availability = 'available' and v.retired_at is null)::int as available
    from readiness_minimums m
    join regencies r on r.code = m.regency_code
    join pillars p on p.code = m.pillar_code
    where r.province_code = ${provinceCode}
    order by m.regency_code, p.sort_order, p.name`,
  );
  return rows.map((row) => ({ ...row, shortBy: Math.max(0, row.minimumAvailable - row.available) }));
}

/**
 * Every kecamatan under a coverage rule of the province with fewer active volunteers of the rule's
 * pillar than it asks. Active volunteers are counted once per (kecamatan, pillar) of a ruled
 * kabupaten/kota, then joined to the province's kecamatan: two passes, however many rules.
 */
async function uncoveredOf(db: Executor, provinceCode: string): Promise<UncoveredDistrict[]> {
  return queryRows<UncoveredDistrict>(
    db,
    sql`
    with ruled as (
      select c.regency_code, c.pillar_code, c.minimum_per_district, r.name as regency_name, p.name as pillar_name,
        p.sort_order
      from coverage_rules c
      join regencies r on r.code = c.regency_code
      join pillars p on p.code = c.pillar_code
      where r.province_code = ${provinceCode}
    ),
    active as (
      select v.district_code, v.pillar_code, count(*)::int as n
      from volunteers v
      join ruled on ruled.regency_code = v.regency_code and ruled.pillar_code = v.pillar_code
      where v.retired_at is null and v.district_code is not null
      group by v.district_code, v.pillar_code
    )
    select d.code as "districtCode", d.name as "districtName", ruled.regency_code as "regencyCode",
      ruled.regency_name as "regencyName", ruled.pillar_code as "pillarCode", ruled.pillar_name as "pillarName",
      coalesce(active.n, 0) as active, ruled.minimum_per_district as required
    from ruled
    join districts d on d.regency_code = ruled.regency_code
    left join active on active.district_code = d.code and active.pillar_code = ruled.pillar_code
    where coalesce(active.n, 0) < ruled.minimum_per_district
    order by ruled.regency_code, ruled.sort_order, ruled.pillar_name, d.name`,
  );
}

async function rulesOf(db: Executor, provinceCode: string): Promise<Omit<CoverageRuleStatus, 'uncovered'>[]> {
  return queryRows<Omit<CoverageRuleStatus, 'uncovered'>>(
    db,
    sql`
    select c.regency_code as "regencyCode", r.name as "regencyName", c.pillar_code as "pillarCode",
      p.name as "pillarName", c.minimum_per_district as "minimumPerDistrict",
      (select count(*) from districts d where d.regency_code = c.regency_code)::int as districts
    from coverage_rules c
    join regencies r on r.code = c.regency_code
    join pillars p on p.code = c.pillar_code
    where r.province_code = ${provinceCode}
    order by c.regency_code, p.sort_order, p.name`,
  );
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

/** The readiness of a province, for its staff and leaders (admins: any province). */
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
