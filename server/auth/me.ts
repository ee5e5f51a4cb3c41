import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { provinces, regencies } from '../../db/schema';
import type { Me } from '../../lib/auth';
import { HOME_PAGE, type Actor } from '../../lib/roles';

/** The signed-in person as pages show them: name, role and the place their scope covers. */
export async function describeActor(db: Executor, actor: Actor): Promise<Me> {
  const provinceCode =
    actor.role === 'admin' ? null : actor.role === 'volunteer' ? actor.provinceCode : actor.scope.provinceCode;
  const regencyCode =
    actor.role === 'admin' ? null : actor.role === 'volunteer' ? actor.regencyCode : actor.scope.regencyCode;
  let scopeLabel = 'Seluruh Indonesia';
  if (regencyCode) {
    const [regency] = await db.select({ name: regencies.name }).from(regencies).where(eq(regencies.code, regencyCode));
    scopeLabel = regency?.name ?? regencyCode;
  } else if (provinceCode) {
    const [province] = await db
      .select({ name: provinces.name })
      .from(provinces)
      .where(eq(provinces.code, provinceCode));
    scopeLabel = `Provinsi ${province?.name ?? provinceCode}`;
  }
  return {
    userId: actor.userId,
    name: actor.name,
    role: actor.role,
    scopeLabel,
    provinceCode,
    regencyCode,
    volunteerId: actor.role === 'volunteer' ? actor.volunteerId : null,
    home: HOME_PAGE[actor.role],
  };
}
