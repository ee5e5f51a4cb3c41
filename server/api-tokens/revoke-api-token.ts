import { eq } from 'drizzle-orm';
import { apiTokens } from '../../db/schema';
import { API_TOKEN_EVENTS, RevokeApiToken, type ApiTokenSummary } from '../../lib/api-tokens';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { apiTokenSummary, requireAdmin } from './queries';

/** An admin revokes a token: from that moment every request with it is refused (401). Revoking twice is a conflict. */
export async function revokeApiToken({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<ApiTokenSummary> {
  const { id } = parseInput(RevokeApiToken, input);
  requireAdmin(ctx.actor);
  const now = ctx.now();
  return commitWithEvents<ApiTokenSummary>(ctx, async (tx) => {
    const [token] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for('no key update').limit(1);
    if (!token) throw new DomainError('NOT_FOUND', 'Token API tidak ditemukan.');
    if (token.revokedAt) throw new DomainError('CONFLICT', 'Token ini sudah dicabut.');
    await tx.update(apiTokens).set({ revokedAt: now, revokedBy: ctx.actor.userId }).where(eq(apiTokens.id, id));
    return {
      result: await apiTokenSummary(tx, id, now),
      events: [
        {
          type: API_TOKEN_EVENTS.revoked,
          provinceCode: token.provinceCode,
          payload: { tokenId: id, name: token.name },
        },
      ],
    };
  });
}
