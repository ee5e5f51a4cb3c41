import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { activationTokens } from '../../db/schema';
import { ACTIVATION_TTL_HOURS } from '../../lib/auth';
import { hashToken, newToken } from '../auth/sessions';

/** A fresh one-time link for an account; the links still open for it stop working. */
export async function newActivationToken(
  tx: Executor,
  { userId, createdBy, now }: { userId: string; createdBy: string; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  await tx
    .update(activationTokens)
    .set({ expiresAt: now })
    .where(
      and(eq(activationTokens.userId, userId), isNull(activationTokens.usedAt), gt(activationTokens.expiresAt, now)),
    );
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ACTIVATION_TTL_HOURS * 3_600_000);
  await tx
    .insert(activationTokens)
    .values({ tokenHash: hashToken(token), userId, createdBy, expiresAt, createdAt: now });
  return { token, expiresAt };
}
