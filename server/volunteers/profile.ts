import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { pillars, regencies, volunteers } from '../../db/schema';
import type { Availability } from '../../lib/domain';

export interface VolunteerProfile {
  id: string;
  name: string;
  phone: string;
  pillarName: string;
  regencyName: string;
  availability: Availability;
  isTeamLeader: boolean;
  taganaRank: string | null;
}

export interface TeamMember {
  id: string;
  name: string;
  phone: string;
  availability: Availability;
}

/** What a volunteer's own phone shows about them. */
export async function volunteerProfile(db: Executor, volunteerId: string): Promise<VolunteerProfile | null> {
  const [row] = await db
    .select({
      id: volunteers.id,
      name: volunteers.name,
      phone: volunteers.phone,
      pillarName: pillars.name,
      regencyName: regencies.name,
      availability: volunteers.availability,
      isTeamLeader: volunteers.isTeamLeader,
      taganaRank: volunteers.taganaRank,
    })
    .from(volunteers)
    .innerJoin(pillars, eq(pillars.code, volunteers.pillarCode))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(eq(volunteers.id, volunteerId))
    .limit(1);
  return row ?? null;
}

/** A ketua regu's team: the other active members of the same pillar in the same kabupaten. */
export async function teamOf(
  db: Executor,
  leader: { volunteerId: string; regencyCode: string; pillarCode: string },
): Promise<TeamMember[]> {
  return db
    .select({
      id: volunteers.id,
      name: volunteers.name,
      phone: volunteers.phone,
      availability: volunteers.availability,
    })
    .from(volunteers)
    .where(
      and(
        eq(volunteers.regencyCode, leader.regencyCode),
        eq(volunteers.pillarCode, leader.pillarCode),
        ne(volunteers.id, leader.volunteerId),
        isNull(volunteers.retiredAt),
      ),
    )
    .orderBy(asc(volunteers.name));
}
