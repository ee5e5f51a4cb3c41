import { eq } from 'drizzle-orm';
import { apiTokens, provinces } from '../../db/schema';
import {
  API_TOKEN_EVENTS,
  API_TOKEN_MAX_DAYS,
  API_TOKEN_PREFIX,
  IssueApiToken,
  type IssuedApiToken,
} from '../../lib/api-tokens';
import type { ActorContext } from '../auth/actor';
import { hashToken, newToken } from '../auth/sessions';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { apiTokenSummary, requireAdmin } from './queries';

const DAY_MS = 86_400_000;

/** An admin issues a read-only token for one system and province; only its hash is kept, the token is shown once. */
export async function issueApiToken({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<IssuedApiToken> {
  const data = parseInput(IssueApiToken, input);
  requireAdmin(ctx.actor);
  const now = ctx.now();
  if (data.expiresAt <= now) {
    throw new DomainError('INVALID', 'Tanggal berlaku harus di masa depan.', {
      expiresAt: ['Pilih tanggal setelah hari ini.'],
    });
  }
  if (data.expiresAt.getTime() - now.getTime() > API_TOKEN_MAX_DAYS * DAY_MS) {
    throw new DomainError('INVALID', `Token berlaku paling lama ${API_TOKEN_MAX_DAYS} hari.`, {
      expiresAt: [`Pilih tanggal dalam ${API_TOKEN_MAX_DAYS} hari ke depan.`],
    });
  }
  const token = `${API_TOKEN_PREFIX}${newToken()}`;
  return commitWithEvents<IssuedApiToken>(ctx, async (tx) => {
    const [province] = await tx
      .select({ code: provinces.code })
      .from(provinces)
      .where(eq(provinces.code, data.provinceCode))
      .limit(1);
    if (!province) {
      throw new DomainError('NOT_FOUND', `Provinsi ${data.provinceCode} tidak dikenal.`, {
        provinceCode: ['Pilih provinsi dari daftar.'],
      });
    }
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: data.name,
        provinceCode: data.provinceCode,
        tokenHash: hashToken(token),
        hint: token.slice(0, API_TOKEN_PREFIX.length + 4),
        createdBy: ctx.actor.userId,
        createdAt: now,
        expiresAt: data.expiresAt,
      })
      .returning({ id: apiTokens.id });
    return {
      result: { token, apiToken: await apiTokenSummary(tx, row!.id, now) },
      events: [
        {
          type: API_TOKEN_EVENTS.issued,
          provinceCode: data.provinceCode,
          payload: { tokenId: row!.id, name: data.name, expiresAt: data.expiresAt.toISOString() },
        },
      ],
    };
  });
}
