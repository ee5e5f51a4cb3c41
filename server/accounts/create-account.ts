import { eq, or } from 'drizzle-orm';
import { regencies, users } from '../../db/schema';
import { CreateAccount } from '../../lib/auth';
import { normalizePhone } from '../../lib/phone';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { findProvince } from '../regencies/queries';
import { newActivationToken } from './activation-links';

/** An admin creates an admin, coordinator or leader; the person sets a password through the link. */
export async function createAccount({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ userId: string; name: string; phone: string | null; token: string; expiresAt: Date }> {
  if (ctx.actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Hanya admin yang dapat membuat akun ini.');
  const account = parseInput(CreateAccount, input);
  const phone = account.phone ? normalizePhone(account.phone) : null;
  if (account.phone && !phone) {
    throw new DomainError('INVALID', 'Data yang dikirim tidak valid.', {
      phone: ['Nomor HP Indonesia seperti 0812 3456 7890.'],
    });
  }
  if (account.provinceCode && !(await findProvince(ctx.db, account.provinceCode))) {
    throw new DomainError('INVALID', 'Data yang dikirim tidak valid.', { provinceCode: ['Provinsi tidak dikenal.'] });
  }
  if (account.regencyCode) {
    const [regency] = await ctx.db.select().from(regencies).where(eq(regencies.code, account.regencyCode));
    if (!regency) {
      throw new DomainError('INVALID', 'Data yang dikirim tidak valid.', {
        regencyCode: ['Kabupaten/kota tidak dikenal.'],
      });
    }
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ username: users.username, phone: users.phone })
      .from(users)
      .where(
        phone ? or(eq(users.username, account.username), eq(users.phone, phone)) : eq(users.username, account.username),
      )
      .limit(1);
    if (taken) {
      throw new DomainError(
        'CONFLICT',
        taken.username === account.username
          ? 'Nama pengguna ini sudah dipakai.'
          : 'Nomor HP ini sudah dipakai akun lain.',
      );
    }
    const [user] = await tx
      .insert(users)
      .values({
        role: account.role,
        displayName: account.displayName,
        username: account.username,
        phone,
        provinceCode: account.provinceCode ?? null,
        regencyCode: account.regencyCode ?? null,
      })
      .returning();
    const link = await newActivationToken(tx, { userId: user!.id, createdBy: ctx.actor.userId, now });
    return { userId: user!.id, name: user!.displayName, phone, ...link };
  });
}
