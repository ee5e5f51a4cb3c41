import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { pillars, trainings, volunteers, volunteerTrainings, type Training } from '../../db/schema';
import { DomainError } from '../errors';

/** What a request asks of a volunteer besides being "Siaga". */
export interface VolunteerCriteria {
  pillarCodes: string[];
  skill?: string;
  trainingId?: string;
}

/** Active siaga volunteers of the pillars, with the skill (any case) and the completed training when asked. */
export function matchesCriteria(criteria: VolunteerCriteria): SQL {
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
      sql`exists (select 1 from ${volunteerTrainings} where ${volunteerTrainings.volunteerId} = ${volunteers.id} and ${volunteerTrainings.trainingId} = ${criteria.trainingId})`,
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
