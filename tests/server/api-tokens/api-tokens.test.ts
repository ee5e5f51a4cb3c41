import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { apiTokens, events, users } from '../../../db/schema';
import { API_TOKEN_EVENTS, API_TOKEN_PREFIX } from '../../../lib/api-tokens';
import { issueApiToken } from '../../../server/api-tokens/issue-api-token';
import { createApiTokenLimits, type ApiTokenLimits } from '../../../server/api-tokens/limits';
import { listApiTokens } from '../../../server/api-tokens/queries';
import { resolveApiToken } from '../../../server/api-tokens/resolve';
import { revokeApiToken } from '../../../server/api-tokens/revoke-api-token';
import type { Actor } from '../../../server/auth/actor';
import { RateLimitedError } from '../../../server/errors';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, expectDomainError } from '../../support/dispatch';
import { asStored } from '../../support/domain';

let handle: DatabaseHandle;
const DAY = 86_400_000;
const people = { admin: actors.admin(), coordinator: actors.coordinator('62'), leader: actors.leader('62') };

beforeAll(async () => {
  handle = await openTestDatabase('reference');
  // Tokens name the admin who issued them: every acting person gets an account row.
  for (const actor of Object.values(people) as Actor[]) {
    await handle.db.insert(users).values({
      id: actor.userId,
      role: actor.role,
      displayName: actor.name,
      provinceCode: actor.role === 'admin' ? null : actor.role === 'volunteer' ? null : actor.scope.provinceCode,
    });
  }
});
afterAll(async () => {
  await handle?.close();
});

const as = (actor: Actor, now?: () => Date) => actorContext(handle, actor, now);
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const bpbd = (overrides: Record<string, unknown> = {}) => ({
  name: 'BPBD Kalimantan Tengah',
  provinceCode: '62',
  expiresAt: inDays(90),
  ...overrides,
});

async function counts() {
  const [tokens] = await handle.db.select({ n: count() }).from(apiTokens);
  const [logged] = await handle.db.select({ n: count() }).from(events);
  return { tokens: tokens!.n, events: logged!.n };
}

const limits = new Map<number, ApiTokenLimits>();
const resolve = (token: string, { now = new Date(), perMinute = 1_000 } = {}) => {
  if (!limits.has(perMinute)) limits.set(perMinute, createApiTokenLimits(handle.db, perMinute));
  return resolveApiToken({ db: handle.db, now, limits: limits.get(perMinute)! }, token);
};

describe('issuing an API token', () => {
  it('shows the token once, keeps only its hash, lists it and logs who issued it', async () => {
    const ctx = as(people.admin);
    const { token, apiToken } = await issueApiToken({ ctx, input: bpbd() });
    expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true);
    expect(token.length).toBeGreaterThanOrEqual(API_TOKEN_PREFIX.length + 43);

    const [row] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id));
    expect(row!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    const { tokens } = await listApiTokens({ ctx });
    const listed = tokens.find((summary) => summary.id === apiToken.id)!;
    expect(listed).toMatchObject({
      name: 'BPBD Kalimantan Tengah',
      provinceCode: '62',
      provinceName: 'Kalimantan Tengah',
      state: 'active',
      lastUsedAt: null,
      createdByName: 'Admin Posko',
      hint: `${token.slice(0, API_TOKEN_PREFIX.length + 4)}…`,
    });
    expect(JSON.stringify(tokens)).not.toContain(token);

    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: API_TOKEN_EVENTS.issued,
      provinceCode: '62',
      actorId: people.admin.userId,
      payload: { tokenId: apiToken.id, name: 'BPBD Kalimantan Tengah' },
    });
    const stored = await handle.db.select().from(events).where(eq(events.id, ctx.published[0]!.id));
    expect(stored).toEqual(asStored(ctx.published));
  });

  it('is for admins only: coordinators and leaders are refused and nothing is written', async () => {
    const before = await counts();
    await expectDomainError(issueApiToken({ ctx: as(people.coordinator), input: bpbd() }), 'FORBIDDEN');
    await expectDomainError(issueApiToken({ ctx: as(people.leader), input: bpbd() }), 'FORBIDDEN');
    await expectDomainError(listApiTokens({ ctx: as(people.coordinator) }), 'FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('refuses an expiry in the past or beyond a year, an unknown province and a missing name', async () => {
    const before = await counts();
    const ctx = as(people.admin);
    const past = await expectDomainError(issueApiToken({ ctx, input: bpbd({ expiresAt: inDays(-1) }) }), 'INVALID');
    expect(past.details?.expiresAt).toBeDefined();
    const far = await expectDomainError(issueApiToken({ ctx, input: bpbd({ expiresAt: inDays(400) }) }), 'INVALID');
    expect(far.message).toContain('366 hari');
    await expectDomainError(issueApiToken({ ctx, input: bpbd({ provinceCode: '99' }) }), 'NOT_FOUND');
    const nameless = await expectDomainError(issueApiToken({ ctx, input: bpbd({ name: '  ' }) }), 'INVALID');
    expect(nameless.details?.name).toBeDefined();
    expect(ctx.published).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});

describe('a request with an API token', () => {
  it('acts as a leader of its province and records when it was last used', async () => {
    const { token, apiToken } = await issueApiToken({ ctx: as(people.admin), input: bpbd({ name: 'Kemensos' }) });
    const actor = await resolve(token);
    expect(actor).toEqual({
      role: 'leader',
      userId: apiToken.id,
      name: 'Kemensos',
      scope: { provinceCode: '62', regencyCode: null },
    });
    const { tokens } = await listApiTokens({ ctx: as(people.admin) });
    expect(tokens.find((summary) => summary.id === apiToken.id)!.lastUsedAt).not.toBeNull();
  });

  it('is refused for an unknown, a revoked and an expired token', async () => {
    const unknown = await expectDomainError(resolve(`${API_TOKEN_PREFIX}bukan-token-yang-ada`), 'UNAUTHENTICATED');
    expect(unknown.message).toContain('Token API tidak dikenal');
    await expectDomainError(resolve('sesi-biasa'), 'UNAUTHENTICATED');

    const admin = as(people.admin);
    const revoked = await issueApiToken({ ctx: admin, input: bpbd({ name: 'Dicabut' }) });
    await revokeApiToken({ ctx: admin, input: { id: revoked.apiToken.id } });
    expect((await expectDomainError(resolve(revoked.token), 'UNAUTHENTICATED')).message).toContain('dicabut');

    const expiring = await issueApiToken({ ctx: admin, input: bpbd({ name: 'Habis', expiresAt: inDays(1) }) });
    const later = new Date(Date.now() + 2 * DAY);
    expect((await expectDomainError(resolve(expiring.token, { now: later }), 'UNAUTHENTICATED')).message).toContain(
      'kedaluwarsa',
    );
    const { tokens } = await listApiTokens({ ctx: as(people.admin, () => later) });
    expect(tokens.find((summary) => summary.id === expiring.apiToken.id)!.state).toBe('expired');
  });

  it('is limited per token per minute, with the seconds to wait', async () => {
    const admin = as(people.admin);
    const busy = await issueApiToken({ ctx: admin, input: bpbd({ name: 'Sistem sibuk' }) });
    const calm = await issueApiToken({ ctx: admin, input: bpbd({ name: 'Sistem tenang' }) });
    for (let i = 0; i < 3; i += 1) await resolve(busy.token, { perMinute: 3 });
    const refused = await resolve(busy.token, { perMinute: 3 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RateLimitedError);
    const { retryAfterSeconds, code } = refused as RateLimitedError;
    expect(code).toBe('RATE_LIMITED');
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another token has its own minute.
    expect((await resolve(calm.token, { perMinute: 3 })).name).toBe('Sistem tenang');
  });
});

describe('revoking an API token', () => {
  it('marks it revoked with an event; a second revoke is a conflict', async () => {
    const { apiToken } = await issueApiToken({ ctx: as(people.admin), input: bpbd({ name: 'Sekali pakai' }) });
    const ctx = as(people.admin);
    const revoked = await revokeApiToken({ ctx, input: { id: apiToken.id } });
    expect(revoked.state).toBe('revoked');
    expect(revoked.revokedAt).not.toBeNull();
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: API_TOKEN_EVENTS.revoked,
      provinceCode: '62',
      payload: { tokenId: apiToken.id, name: 'Sekali pakai' },
    });
    const before = await counts();
    await expectDomainError(revokeApiToken({ ctx: as(people.admin), input: { id: apiToken.id } }), 'CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('is for admins only, and an unknown id is not found', async () => {
    const { apiToken } = await issueApiToken({ ctx: as(people.admin), input: bpbd({ name: 'Tetap' }) });
    const before = await counts();
    await expectDomainError(revokeApiToken({ ctx: as(people.coordinator), input: { id: apiToken.id } }), 'FORBIDDEN');
    await expectDomainError(
      revokeApiToken({ ctx: as(people.admin), input: { id: '00000000-0000-4000-8000-000000000000' } }),
      'NOT_FOUND',
    );
    await expectDomainError(revokeApiToken({ ctx: as(people.admin), input: { id: 'bukan-uuid' } }), 'INVALID');
    expect(await counts()).toEqual(before);
    expect((await resolve((await issueApiToken({ ctx: as(people.admin), input: bpbd() })).token)).role).toBe('leader');
  });
});
