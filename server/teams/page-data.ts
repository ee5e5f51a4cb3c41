import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { regencies } from '../../db/schema';
import { scopeCovers, type Actor } from '../auth/actor';
import { pillarsForProvince } from '../regencies/queries';

export interface TeamChoices {
  /** Every kabupaten/kota of the province; `editable` where the reader may name and change regu. */
  regencies: { code: string; name: string; editable: boolean }[];
  pillars: { code: string; name: string }[];
}

/** What the regu page offers: the province's kabupaten/kota (those in the reader's scope marked) and pillars. */
export async function teamChoices(db: Executor, actor: Actor, provinceCode: string): Promise<TeamChoices> {
  const [rows, pillars] = await Promise.all([
    db
      .select({ code: regencies.code, name: regencies.name })
      .from(regencies)
      .where(eq(regencies.provinceCode, provinceCode))
      .orderBy(asc(regencies.code)),
    pillarsForProvince(db, provinceCode),
  ]);
  const keeps = actor.role === 'admin' || actor.role === 'coordinator';
  return {
    regencies: rows.map((row) => ({
      ...row,
      editable: keeps && scopeCovers(actor, { provinceCode, regencyCode: row.code }),
    })),
    pillars: pillars.map((pillar) => ({ code: pillar.code, name: pillar.name })),
  };
}
