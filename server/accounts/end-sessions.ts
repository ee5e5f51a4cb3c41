import { eq } from 'drizzle-orm';
import { regencies, users, volunteers } from '../../db/schema';
import { EndSessions } from '../../lib/auth';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { revokeUserSessions } from '../auth/sessions';
import { DomainError, parseInput } from '../errors';

/**
 * Signs an account out everywhere (a lost or stolen phone), and optionally locks it. A person may do it
 * to themselves; admins to anyone; coordinators to volunteers in their scope. Live sockets close too.
 */
export async function endSessions({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<{ ended: number }> {
  const { userId, disable } = parseInput(EndSessions, input);
  const { actor } = ctx;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [target] = await tx
      .select({
        id: users.id,
        role: users.role,
        provinceCode: regencies.provinceCode,
        regencyCode: volunteers.regencyCode,
      })
      .from(users)
      .leftJoin(volunteers, eq(volunteers.id, users.volunteerId))
      .leftJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(eq(users.id, userId))
      .for('no key update', { of: users })
      .limit(1);
    if (!target) throw new DomainError('NOT_FOUND', 'Akun tidak ditemukan.');
    const self = target.id === actor.userId;
    if (self && disable) throw new DomainError('CONFLICT', 'Anda tidak dapat mengunci akun Anda sendiri.');
    if (!self && actor.role !== 'admin') {
      if (target.role !== 'volunteer' || !target.provinceCode) {
        throw new DomainError('FORBIDDEN', 'Hanya admin yang dapat mengakhiri sesi akun ini.');
      }
      requireCoordinatorFor(actor, { provinceCode: target.provinceCode, regencyCode: target.regencyCode });
    }
    if (disable) await tx.update(users).set({ disabledAt: now, updatedAt: now }).where(eq(users.id, userId));
    return { ended: await revokeUserSessions(tx, userId, now) };
  });
}
