import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  districts,
  pillars,
  provinces,
  regencies,
  trainings,
  volunteers,
  volunteerTrainings,
  type Incident,
  type Training,
} from '../../db/schema';
import { distanceKm, pointOf, type Point } from '../../lib/geo';
import { dayIn } from '../../lib/trainings';
import { DomainError } from '../errors';

/** What a request asks of a volunteer besides being "Siaga". */
export interface VolunteerCriteria {
  pillarCodes: string[];
  skill?: string;
  trainingId?: string;
}

/**
 * Active siaga volunteers of the pillars, with the skill (any case) and, when asked, the training with a
 * certificate still valid on `validOn` (the request's deadline as a day in the province's zone: a
 * certificate counts through its last day; one without an end counts for good).
 */
export function matchesCriteria(criteria: VolunteerCriteria, validOn: string): SQL {
  const conditions: SQL[] = [
    isNull(volunteers.retiredAt),
    eq(volunteers.availability, 'available'),
    inArray(volunteers.pillarCode, criteria.pillarCodes),
  ];
  if (criteria.skill) {
    conditions.push(
      sql`exists (select 1 from unnest(${volunteers.skills}) as listed(skill) where lower(listed.skill) = lower(${criteria.skill}))`,
    );
  }
  if (criteria.trainingId) {
    conditions.push(
      sql`exists (select 1 from ${volunteerTrainings} where ${volunteerTrainings.volunteerId} = ${volunteers.id} and ${volunteerTrainings.trainingId} = ${criteria.trainingId} and (${volunteerTrainings.validUntil} is null or ${volunteerTrainings.validUntil} >= ${validOn}::date))`,
    );
  }
  return and(...conditions)!;
}

/**
 * Checks that the pillars and the training exist for the incident's province (national pillars and
 * trainings, or the province's own); an INVALID naming the field otherwise.
 */
export async function checkCriteria(
  db: Executor,
  criteria: VolunteerCriteria,
  provinceCode: string,
): Promise<{ training: Training | null }> {
  const known = await db
    .select({ code: pillars.code, provinceCode: pillars.provinceCode })
    .from(pillars)
    .where(inArray(pillars.code, criteria.pillarCodes));
  const usable = new Set(
    known.filter((pillar) => pillar.provinceCode === null || pillar.provinceCode === provinceCode).map((p) => p.code),
  );
  const unknown = criteria.pillarCodes.filter((code) => !usable.has(code));
  if (unknown.length > 0) {
    throw new DomainError('INVALID', 'Ada pilar yang tidak dikenal di provinsi ini.', {
      pillarCodes: [`Pilar tidak dikenal di provinsi ini: ${unknown.join(', ')}.`],
    });
  }
  if (!criteria.trainingId) return { training: null };
  const [training] = await db.select().from(trainings).where(eq(trainings.id, criteria.trainingId)).limit(1);
  if (!training || (training.provinceCode !== null && training.provinceCode !== provinceCode)) {
    throw new DomainError('INVALID', 'Pelatihan tidak ditemukan.', {
      trainingId: ['Pelatihan ini tidak ada, atau diselenggarakan untuk provinsi lain.'],
    });
  }
  return { training };
}

/** The day a request's deadline falls on in its province's zone: certificates must still count then. */
export async function deadlineDay(db: Executor, provinceCode: string, deadline: Date): Promise<string> {
  const [province] = await db
    .select({ timeZone: provinces.timeZone })
    .from(provinces)
    .where(eq(provinces.code, provinceCode))
    .limit(1);
  return dayIn(deadline, province?.timeZone ?? 'Asia/Jakarta');
}

/**
 * Where a volunteer sets out from: their kecamatan's centroid, or their kabupaten's point when the kecamatan
 * is unknown or has no centroid. Needs `volunteers` joined to `regencies` and left-joined to `districts`
 * (see joinHomes).
 */
export const homePoint = {
  homeLat: sql<number | null>`coalesce(${districts.lat}, ${regencies.lat})`.mapWith(Number),
  homeLng: sql<number | null>`coalesce(${districts.lng}, ${regencies.lng})`.mapWith(Number),
};

/** The joins homePoint reads, as [table, condition] pairs for innerJoin(regencies) and leftJoin(districts). */
export const homeJoins = {
  regency: eq(regencies.code, volunteers.regencyCode),
  district: eq(districts.code, volunteers.districtCode),
};

/** Where distances to an incident run to: its point, or its kabupaten's when it has none. */
export async function incidentOrigin(db: Executor, incident: Incident): Promise<Point | null> {
  const site = pointOf(incident.lat, incident.lng);
  if (site) return site;
  const [home] = await db
    .select({ lat: regencies.lat, lng: regencies.lng })
    .from(regencies)
    .where(eq(regencies.code, incident.regencyCode))
    .limit(1);
  return home ? pointOf(home.lat, home.lng) : null;
}

export interface RankedVolunteer {
  id: string;
  regencyCode: string;
  /** From the home kecamatan (else kabupaten) to the origin; null when either point is unknown. */
  distanceKm: number | null;
}

/** The volunteers `where` selects, nearest home first (unknown distances last, then by id, so ties are stable). */
export async function nearestFirst(db: Executor, where: SQL, origin: Point | null): Promise<RankedVolunteer[]> {
  const rows = await db
    .select({ id: volunteers.id, regencyCode: volunteers.regencyCode, ...homePoint })
    .from(volunteers)
    .innerJoin(regencies, homeJoins.regency)
    .leftJoin(districts, homeJoins.district)
    .where(where);
  return rows
    .map(({ id, regencyCode, homeLat, homeLng }) => {
      const home = pointOf(homeLat, homeLng);
      return { id, regencyCode, distanceKm: origin && home ? distanceKm(origin, home) : null };
    })
    .sort(
      (a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}
