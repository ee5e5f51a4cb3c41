import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { apiTokens, provinces, users, type ApiToken } from '../../db/schema';
import type { ApiTokenSummary } from '../../lib/api-tokens';
import type { Actor } from '../../lib/roles';
import type { ActorContext } from '../auth/actor';
import { DomainError } from '../errors';

/** Only admins hand out, list and revoke API tokens. */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Hanya admin yang dapat mengelola token API.');
}

/** Where a token stands at `now`: revoked wins over expired. */
export function tokenState(token: Pick<ApiToken, 'expiresAt' | 'revokedAt'>, now: Date): ApiTokenSummary['state'] {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt <= now ? 'expired' : 'active';
}

const creators = alias(users, 'creators');

/** Every token, newest first, with its province and issuer by name and its last use; never a secret. */
export async function listApiTokens({ ctx }: { ctx: ActorContext }): Promise<{ tokens: ApiTokenSummary[] }> {
  requireAdmin(ctx.actor);
  const rows = await summaryQuery(ctx.db).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  const now = ctx.now();
  return { tokens: rows.map((row) => toSummary(row, now)) };
}

/** One token's summary, as the list shows it. */
export async function apiTokenSummary(db: Executor, id: string, now: Date): Promise<ApiTokenSummary> {
  const [row] = await summaryQuery(db).where(eq(apiTokens.id, id)).limit(1);
  if (!row) throw new DomainError('NOT_FOUND', 'Token API tidak ditemukan.');
  return toSummary(row, now);
}

function summaryQuery(db: Executor) {
  return db
    .select({ token: apiTokens, provinceName: provinces.name, createdByName: creators.displayName })
    .from(apiTokens)
    .innerJoin(provinces, eq(provinces.code, apiTokens.provinceCode))
    .leftJoin(creators, eq(creators.id, apiTokens.createdBy))
    .$dynamic();
}

function toSummary(
  { token, provinceName, createdByName }: { token: ApiToken; provinceName: string; createdByName: string | null },
  now: Date,
): ApiTokenSummary {
  return {
    id: token.id,
    name: token.name,
    provinceCode: token.provinceCode,
    provinceName,
    hint: `${token.hint}…`,
    createdAt: token.createdAt.toISOString(),
    createdByName,
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    state: tokenState(token, now),
  };
}
