import { eq, inArray } from 'drizzle-orm';
import { regencies, users, volunteers } from '../../db/schema';
import { IssueActivations } from '../../lib/auth';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { newActivationToken } from './activation-links';

export interface IssuedActivation {
  volunteerId: string;
  userId: string;
  name: string;
  phone: string;
  token: string;
  expiresAt: Date;
}

/**
 * A coordinator hands volunteers in its scope one-time activation links; the volunteer's account is
 * created on the first link. All or nothing: one volunteer outside the scope refuses the whole list.
 */
export async function issueActivations({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<IssuedActivation[]> {
  const { volunteerIds } = parseInput(IssueActivations, input);
  const wanted = [...new Set(volunteerIds)];
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const found = await tx
      .select({
        id: volunteers.id,
        name: volunteers.name,
        phone: volunteers.phone,
        regencyCode: volunteers.regencyCode,
        provinceCode: regencies.provinceCode,
        userId: users.id,
        role: users.role,
        retiredAt: volunteers.retiredAt,
      })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .leftJoin(users, eq(users.volunteerId, volunteers.id))
      .where(inArray(volunteers.id, wanted));
    if (found.length !== wanted.length) {
      throw new DomainError('NOT_FOUND', 'Sebagian relawan yang dipilih tidak ditemukan.');
    }
    for (const volunteer of found) requireCoordinatorFor(ctx.actor, volunteer);
    const retired = found.find((volunteer) => volunteer.retiredAt);
    if (retired) {
      throw new DomainError('CONFLICT', `${retired.name} sudah tidak aktif; aktifkan kembali datanya dulu.`);
    }

    const issued: IssuedActivation[] = [];
    for (const volunteer of found) {
      let userId = volunteer.userId;
      if (!userId) {
        const [phoneOwner] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, volunteer.phone));
        if (phoneOwner) {
          throw new DomainError(
            'CONFLICT',
            `Nomor HP ${volunteer.name} sudah dipakai akun lain; perbaiki nomornya di daftar relawan dulu.`,
          );
        }
        const [created] = await tx
          .insert(users)
          .values({ role: 'volunteer', displayName: volunteer.name, phone: volunteer.phone, volunteerId: volunteer.id })
          .returning({ id: users.id });
        userId = created!.id;
      }
      const { token, expiresAt } = await newActivationToken(tx, { userId, createdBy: ctx.actor.userId, now });
      issued.push({
        volunteerId: volunteer.id,
        userId,
        name: volunteer.name,
        phone: volunteer.phone,
        token,
        expiresAt,
      });
    }
    return issued.sort((a, b) => a.name.localeCompare(b.name, 'id'));
  });
}
