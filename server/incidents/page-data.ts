import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { districts, provinces, regencies, trainings, volunteers } from '../../db/schema';
import type { TimeZone } from '../../lib/domain';
import { scopeCovers, type Actor, type ActorContext } from '../auth/actor';
import { pillarsForProvince } from '../regencies/queries';
import { incidentTimeline, type TimelineEntry } from './queries';

export interface ProvinceInfo {
  code: string;
  name: string;
  timeZone: TimeZone;
  /** Every kabupaten/kota of the province by code, for names beside codes. */
  regencyNames: Record<string, string>;
}

export async function provinceInfo(db: Executor, provinceCode: string): Promise<ProvinceInfo | null> {
  const [province] = await db.select().from(provinces).where(eq(provinces.code, provinceCode)).limit(1);
  if (!province) return null;
  const rows = await db
    .select({ code: regencies.code, name: regencies.name })
    .from(regencies)
    .where(eq(regencies.provinceCode, provinceCode))
    .orderBy(asc(regencies.code));
  return {
    code: province.code,
    name: province.name,
    timeZone: province.timeZone,
    regencyNames: Object.fromEntries(rows.map((row) => [row.code, row.name])),
  };
}

/** Every province, by code: the picker of those whose scope spans provinces (admins). */
export async function allProvinces(db: Executor): Promise<{ code: string; name: string }[]> {
  return db.select({ code: provinces.code, name: provinces.name }).from(provinces).orderBy(asc(provinces.code));
}

export interface RegencyChoice {
  code: string;
  name: string;
  districts: { code: string; name: string }[];
}

/** The kabupaten/kota of the province an actor may register incidents in, each with its kecamatan. */
export async function incidentPlaces(db: Executor, actor: Actor, provinceCode: string): Promise<RegencyChoice[]> {
  const rows = await db
    .select({
      regencyCode: regencies.code,
      regencyName: regencies.name,
      districtCode: districts.code,
      districtName: districts.name,
    })
    .from(regencies)
    .leftJoin(districts, eq(districts.regencyCode, regencies.code))
    .where(eq(regencies.provinceCode, provinceCode))
    .orderBy(asc(regencies.code), asc(districts.name));
  const choices = new Map<string, RegencyChoice>();
  for (const row of rows) {
    if (!scopeCovers(actor, { provinceCode, regencyCode: row.regencyCode })) continue;
    const choice = choices.get(row.regencyCode) ?? { code: row.regencyCode, name: row.regencyName, districts: [] };
    if (row.districtCode && row.districtName) choice.districts.push({ code: row.districtCode, name: row.districtName });
    choices.set(row.regencyCode, choice);
  }
  return [...choices.values()];
}

export interface ComposerOptions {
  pillars: { code: string; name: string }[];
  /** National trainings and the province's own, newest first. */
  trainings: { id: string; name: string; startsOn: string }[];
  /** Skills the province's volunteers list, most common first, as suggestions. */
  skills: string[];
}

/** What a request composer offers to choose from in one province. */
export async function composerOptions(db: Executor, provinceCode: string): Promise<ComposerOptions> {
  const [pillarRows, trainingRows, skillRows] = await Promise.all([
    pillarsForProvince(db, provinceCode),
    db
      .select({ id: trainings.id, name: trainings.name, startsOn: trainings.startsOn })
      .from(trainings)
      .where(or(isNull(trainings.provinceCode), eq(trainings.provinceCode, provinceCode)))
      .orderBy(desc(trainings.startsOn))
      .limit(200),
    db
      .select({ skill: sql<string>`listed.skill`, n: sql<number>`count(*)::int` })
      .from(volunteers)
      .innerJoin(regencies, and(eq(regencies.code, volunteers.regencyCode), eq(regencies.provinceCode, provinceCode)))
      .crossJoin(sql`unnest(${volunteers.skills}) as listed(skill)`)
      .groupBy(sql`listed.skill`)
      .orderBy(sql`count(*) desc`, sql`listed.skill`)
      .limit(50),
  ]);
  return {
    pillars: pillarRows.map(({ code, name }) => ({ code, name })),
    trainings: trainingRows,
    skills: skillRows.map((row) => row.skill),
  };
}

const TIMELINE_PAGE = 1000;

/** An incident's whole timeline, every page of it (the query returns at most a thousand entries at once). */
export async function wholeTimeline(ctx: ActorContext, incidentId: string): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  let afterId = 0;
  for (;;) {
    const page = await incidentTimeline({ ctx, input: { incidentId, afterId, limit: TIMELINE_PAGE } });
    entries.push(...page.entries);
    if (page.entries.length < TIMELINE_PAGE) return entries;
    afterId = page.lastId;
  }
}
