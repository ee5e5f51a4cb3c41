import { and, asc, eq, isNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { volunteers } from '../../db/schema';
import type { Actor } from '../../lib/roles';
import { scopeCovers } from '../auth/actor';
import { incidentPlaces, type RegencyChoice } from '../incidents/page-data';
import { pillarsForProvince } from '../regencies/queries';
import type { Choice } from './queries';
import { requireRosterKeeper } from './roster';

/** What the volunteer form offers: the scope's kabupaten/kota with their kecamatan, the pillars, known skills. */
export interface VolunteerFormChoices {
  provinceCode: string;
  places: RegencyChoice[];
  pillars: Choice[];
  /** Skills already used in the scope, most used first: suggestions, not a closed list. */
  skills: string[];
}

const SKILL_SUGGESTIONS = 200;

export async function volunteerFormChoices(
  db: Executor,
  actor: Actor,
  provinceCode: string,
): Promise<VolunteerFormChoices> {
  requireRosterKeeper(actor);
  const scopedRegency = actor.role === 'coordinator' ? actor.scope.regencyCode : null;
  const [places, pillars, skillRows] = await Promise.all([
    incidentPlaces(db, actor, provinceCode),
    pillarsForProvince(db, provinceCode),
    db
      .select({ skill: sql<string>`skill`, uses: sql<number>`count(*)::int` })
      .from(sql`${volunteers}, unnest(${volunteers.skills}) as skill`)
      .where(
        and(
          isNull(volunteers.retiredAt),
          scopedRegency ? eq(volunteers.regencyCode, scopedRegency) : like(volunteers.regencyCode, `${provinceCode}.%`),
        ),
      )
      .groupBy(sql`skill`)
      .orderBy(sql`count(*) desc`, asc(sql`skill`))
      .limit(SKILL_SUGGESTIONS),
  ]);
  return {
    provinceCode,
    places: places.filter((place) => scopeCovers(actor, { provinceCode, regencyCode: place.code })),
    pillars: pillars.map((pillar) => ({ code: pillar.code, name: pillar.name })),
    skills: skillRows.map((row) => row.skill),
  };
}
