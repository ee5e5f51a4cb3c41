import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { activationTokens, users } from '../../db/schema';
import { Activate } from '../../lib/auth';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { actorOf, createSession, hashToken, revokeUserSessions } from '../auth/sessions';
import type { AuthContext } from '../auth/sign-in';
import { DomainError, parseInput } from '../errors';

export type ActivationState = 'valid' | 'used' | 'expired' | 'unknown';

/** What the activation page says before the volunteer types anything. */
export async function activationStatus(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ state: ActivationState; name?: string }> {
  if (token.length > 100) return { state: 'unknown' };
  const [row] = await db
    .select({ usedAt: activationTokens.usedAt, expiresAt: activationTokens.expiresAt, name: users.displayName })
    .from(activationTokens)
    .innerJoin(users, eq(users.id, activationTokens.userId))
    .where(eq(activationTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used', name: row.name };
  if (row.expiresAt <= now) return { state: 'expired', name: row.name };
  return { state: 'valid', name: row.name };
}

/** Why a link cannot be used, as the page and the API both say it. */
export const ACTIVATION_REFUSALS: Record<Exclude<ActivationState, 'valid'>, string> = {
  unknown: 'Tautan aktivasi ini tidak dikenal. Minta tautan baru kepada koordinator Anda.',
  used: 'Tautan aktivasi ini sudah dipakai. Masuk dengan kata sandi Anda, atau minta tautan baru kepada koordinator.',
  expired: 'Tautan aktivasi ini sudah kedaluwarsa. Minta tautan baru kepada koordinator Anda.',
};

/**
 * Sets the account's password through a one-time link and signs in. The link works once; sessions
 * opened with an older password end.
 */
export async function activateAccount({
  ctx,
  token,
  input,
  userAgent,
}: {
  ctx: AuthContext;
  token: string;
  input: unknown;
  userAgent?: string | null;
}): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
  const { password } = parseInput(Activate, input);
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(activationTokens)
      .where(eq(activationTokens.tokenHash, hashToken(token.slice(0, 100))))
      .for('no key update')
      .limit(1);
    const state: ActivationState = !link
      ? 'unknown'
      : link.usedAt
        ? 'used'
        : link.expiresAt <= now
          ? 'expired'
          : 'valid';
    if (state !== 'valid')
      throw new DomainError(state === 'unknown' ? 'NOT_FOUND' : 'CONFLICT', ACTIVATION_REFUSALS[state]);

    await tx.update(activationTokens).set({ usedAt: now }).where(eq(activationTokens.tokenHash, link!.tokenHash));
    const [user] = await tx
      .update(users)
      .set({ passwordHash, disabledAt: null, updatedAt: now })
      .where(eq(users.id, link!.userId))
      .returning();
    await revokeUserSessions(tx, user!.id, now);
    const actor = await actorOf(tx, user!);
    if (!actor) throw new DomainError('CONFLICT', 'Akun ini belum lengkap; hubungi koordinator Anda.');
    const session = await createSession(tx, user!.id, { now, policy: ctx.sessionPolicy, userAgent });
    return { ...session, actor };
  });
}
