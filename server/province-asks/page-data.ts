import { and, asc, count, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { incidents, pillars, provinces, regencies, volunteers } from '../../db/schema';
import type { ProvinceAsksList } from '../../lib/province-asks';
import type { Actor } from '../auth/actor';

export interface AskChoices {
  /** The running incidents the actor may ask help for (its province's; every one for the admin). */
  incidents: { id: string; title: string; provinceCode: string }[];
  provinces: { code: string; name: string }[];
  /** Pillars every province has. */
  pillars: { code: string; name: string }[];
  /** For each province with an open ask to answer: its kabupaten/kota and how many are siaga now. */
  sources: Record<string, { code: string; name: string; available: number }[]>;
}

/** What the help page's forms offer: incidents to ask for, provinces to ask, and the kabupaten to send from. */
export async function askChoices(db: Executor, actor: Actor, list: ProvinceAsksList): Promise<AskChoices> {
  const own =
    actor.role === 'admin' ? null : actor.role === 'volunteer' ? actor.provinceCode : actor.scope.provinceCode;
  const answering = [
    ...new Set(list.incoming.filter((ask) => ask.status === 'open').map((ask) => ask.toProvince.code)),
  ];
  const [incidentRows, provinceRows, pillarRows, sourceRows] = await Promise.all([
    db
      .select({ id: incidents.id, title: incidents.title, provinceCode: incidents.provinceCode })
      .from(incidents)
      .where(and(ne(incidents.phase, 'closed'), own ? eq(incidents.provinceCode, own) : undefined))
      .orderBy(asc(incidents.title))
      .limit(200),
    db.select({ code: provinces.code, name: provinces.name }).from(provinces).orderBy(asc(provinces.name)),
    db
      .select({ code: pillars.code, name: pillars.name })
      .from(pillars)
      .where(isNull(pillars.provinceCode))
      .orderBy(asc(pillars.sortOrder), asc(pillars.name)),
    answering.length
      ? db
          .select({
            provinceCode: regencies.provinceCode,
            code: regencies.code,
            name: regencies.name,
            available: count(volunteers.id),
          })
          .from(regencies)
          .leftJoin(
            volunteers,
            and(
              eq(volunteers.regencyCode, regencies.code),
              eq(volunteers.availability, 'available'),
              isNull(volunteers.retiredAt),
            ),
          )
          .where(inArray(regencies.provinceCode, answering))
          .groupBy(regencies.provinceCode, regencies.code, regencies.name)
          // The kabupaten/kota with the most siaga volunteers first.
          .orderBy(desc(count(volunteers.id)), asc(regencies.name))
      : [],
  ]);
  const sources: AskChoices['sources'] = {};
  for (const row of sourceRows) {
    (sources[row.provinceCode] ??= []).push({ code: row.code, name: row.name, available: row.available });
  }
  return { incidents: incidentRows, provinces: provinceRows, pillars: pillarRows, sources };
}
