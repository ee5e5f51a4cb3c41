import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { apiTokens } from '../../db/schema';
import { API_TOKEN_PREFIX } from '../../lib/api-tokens';
import type { Actor } from '../../lib/roles';
import { hashToken } from '../auth/sessions';
import { DomainError, RateLimitedError } from '../errors';
import type { ApiTokenLimits } from './limits';

/** The read-only question a token may ask; anything else is refused before the token is even looked up. */
export const API_TOKEN_READ_METHODS = new Set(['GET', 'HEAD']);

const UNKNOWN =
  'Token API tidak dikenal. Periksa header Authorization: Bearer <token>, atau minta token baru kepada admin Posko.';

// Writing last_used_at on every request would turn every read into a write.
const TOUCH_AFTER_MS = 60_000;

/**
 * The actor behind a Bearer token: a leader of the token's province (reads what such a leader reads,
 * changes nothing). Unknown, revoked and expired tokens are 401; past the rate, 429 with Retry-After.
 */
export async function resolveApiToken(
  { db, now, limits }: { db: Database; now: Date; limits: ApiTokenLimits },
  token: string,
): Promise<Actor> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) throw new DomainError('UNAUTHENTICATED', UNKNOWN);
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) throw new DomainError('UNAUTHENTICATED', UNKNOWN);
  if (row.revokedAt) {
    throw new DomainError('UNAUTHENTICATED', 'Token API ini sudah dicabut. Minta token baru kepada admin Posko.');
  }
  if (row.expiresAt <= now) {
    throw new DomainError(
      'UNAUTHENTICATED',
      `Token API ini kedaluwarsa pada ${row.expiresAt.toISOString()}. Minta token baru kepada admin Posko.`,
    );
  }
  const seconds = await limits.consume(row.id);
  if (seconds > 0) {
    throw new RateLimitedError(
      `Token API ini sudah memakai ${limits.perMinute} permintaan dalam satu menit. Coba lagi dalam ${seconds} detik.`,
      seconds,
    );
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return {
    role: 'leader',
    userId: row.id,
    name: row.name,
    scope: { provinceCode: row.provinceCode, regencyCode: null },
  };
}
