import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { sessions, users, volunteers } from '../../../db/schema';
import { resolveSession, type SessionPolicy } from '../../../server/auth/sessions';
import { signIn, WRONG_CREDENTIALS, type AuthContext } from '../../../server/auth/sign-in';
import { createSignInLimits, FAILURES_PER_ACCOUNT } from '../../../server/auth/sign-in-limits';
import { DomainError } from '../../../server/errors';
import { createTestAccount, TEST_PASSWORD } from '../../support/accounts';
import { openTestDatabase } from '../../support/database';
import { testContext } from '../../support/domain';

let handle: DatabaseHandle;
let ctx: AuthContext;
const policy: SessionPolicy = { idleMs: 3_600_000, maxMs: 86_400_000 };
let address = 0;
/** Each test signs in from its own address, so the per-address limit never mixes tests. */
const client = () => ({ address: `10.0.0.${(address += 1)}`, userAgent: 'vitest' });

beforeAll(async () => {
  handle = await openTestDatabase('demo');
  ctx = { ...testContext(handle), sessionPolicy: policy, signInLimits: createSignInLimits(handle.db) };
});
afterAll(async () => {
  await handle?.close();
});

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function aVolunteerAccount() {
  const [volunteer] = await handle.db
    .select({ id: volunteers.id, phone: volunteers.phone })
    .from(volunteers)
    .leftJoin(users, eq(users.volunteerId, volunteers.id))
    .where(and(eq(volunteers.pillarCode, 'tagana'), isNull(users.id)))
    .orderBy(volunteers.phone)
    .limit(1);
  const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: volunteer!.id });
  return { ...account, phone: volunteer!.phone };
}

describe('signIn', () => {
  it('accepts a volunteer phone number however it is typed, and the session resolves to that volunteer', async () => {
    const account = await aVolunteerAccount();
    const national = account.phone.slice(3); // +62812… → 812…
    for (const typed of [
      `0${national}`,
      `+62 ${national}`,
      `62${national}`,
      `0${national.slice(0, 3)}-${national.slice(3)}`,
    ]) {
      const { token, actor } = await signIn({
        ctx,
        input: { login: typed, password: TEST_PASSWORD },
        client: client(),
      });
      expect(actor, typed).toMatchObject({ role: 'volunteer', userId: account.userId });
      const session = await resolveSession(handle.db, token, { now: new Date(), policy });
      expect(session?.actor.userId).toBe(account.userId);
    }
  });

  it('accepts a username in any case', async () => {
    const account = await createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62' });
    const { actor } = await signIn({
      ctx,
      input: { login: account.username!.toUpperCase(), password: TEST_PASSWORD },
      client: client(),
    });
    expect(actor).toMatchObject({ role: 'coordinator', scope: { provinceCode: '62', regencyCode: null } });
  });

  it('answers an unknown account, a wrong password and a locked account with the same words', async () => {
    const account = await createTestAccount(handle.db, { role: 'leader', provinceCode: '62' });
    const locked = await createTestAccount(handle.db, { role: 'leader', provinceCode: '62' });
    await handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, locked.userId));
    const answers = await Promise.all([
      failure(signIn({ ctx, input: { login: 'tidak.ada.siapa', password: TEST_PASSWORD }, client: client() })),
      failure(signIn({ ctx, input: { login: account.username!, password: 'salah-salah' }, client: client() })),
      failure(signIn({ ctx, input: { login: locked.username!, password: TEST_PASSWORD }, client: client() })),
    ]);
    for (const answer of answers) {
      expect(answer.code).toBe('UNAUTHENTICATED');
      expect(answer.message).toBe(WRONG_CREDENTIALS);
      expect(answer.message).not.toContain(TEST_PASSWORD);
    }
  });

  it(`refuses the ${FAILURES_PER_ACCOUNT + 1}th attempt in a minute even with the right password, and opens no session`, async () => {
    const account = await createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62' });
    for (let attempt = 1; attempt <= FAILURES_PER_ACCOUNT; attempt += 1) {
      const answer = await failure(
        signIn({ ctx, input: { login: account.username!, password: `salah-${attempt}` }, client: client() }),
      );
      expect(answer.code, `attempt ${attempt}`).toBe('UNAUTHENTICATED');
    }
    const sessionsBefore = await handle.db.select().from(sessions).where(eq(sessions.userId, account.userId));
    const refused = await failure(
      signIn({ ctx, input: { login: account.username!, password: TEST_PASSWORD }, client: client() }),
    );
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.message).toMatch(/Coba lagi dalam 1 menit/);
    const sessionsAfter = await handle.db.select().from(sessions).where(eq(sessions.userId, account.userId));
    expect(sessionsAfter).toHaveLength(sessionsBefore.length);
  });

  it('limits failures per address too, whichever accounts they name', async () => {
    const limited: AuthContext = { ...ctx, signInLimits: createSignInLimits(handle.db) };
    const from = { address: '10.9.9.9', userAgent: 'vitest' };
    const account = await createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62' });
    // 100 failures across 100 invented names: no single account reaches its own limit.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      await failure(signIn({ ctx: limited, input: { login: `penebak.${attempt}`, password: 'x' }, client: from }));
    }
    const refused = await failure(
      signIn({ ctx: limited, input: { login: account.username!, password: TEST_PASSWORD }, client: from }),
    );
    expect(refused.code).toBe('RATE_LIMITED');
    const elsewhere = await signIn({
      ctx: limited,
      input: { login: account.username!, password: TEST_PASSWORD },
      client: client(),
    });
    expect(elsewhere.actor.userId).toBe(account.userId);
  });

  it('refuses empty or oversized input with INVALID and field details', async () => {
    const answer = await failure(signIn({ ctx, input: { login: '', password: '' }, client: client() }));
    expect(answer.code).toBe('INVALID');
    expect(Object.keys(answer.details ?? {})).toEqual(expect.arrayContaining(['login', 'password']));
    const huge = await failure(signIn({ ctx, input: { login: 'a', password: 'x'.repeat(500) }, client: client() }));
    expect(huge.code).toBe('INVALID');
  });
});

describe('sessions', () => {
  it('end when revoked, after the absolute limit, and after being idle too long', async () => {
    const account = await createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62' });
    const { token } = await signIn({
      ctx,
      input: { login: account.username!, password: TEST_PASSWORD },
      client: client(),
    });
    const now = new Date();
    expect(await resolveSession(handle.db, token, { now, policy })).not.toBeNull();
    const idle = new Date(now.getTime() + policy.idleMs + 1_000);
    expect(await resolveSession(handle.db, token, { now: idle, policy })).toBeNull();
    const past = new Date(now.getTime() + policy.maxMs + 1_000);
    expect(
      await resolveSession(handle.db, token, { now: past, policy: { ...policy, idleMs: policy.maxMs * 2 } }),
    ).toBeNull();
    await handle.db.update(sessions).set({ revokedAt: now }).where(eq(sessions.userId, account.userId));
    expect(await resolveSession(handle.db, token, { now, policy })).toBeNull();
    expect(await resolveSession(handle.db, 'not-a-token', { now, policy })).toBeNull();
  });

  it('store only a hash of the token', async () => {
    const account = await createTestAccount(handle.db, { role: 'admin' });
    const { token } = await signIn({
      ctx,
      input: { login: account.username!, password: TEST_PASSWORD },
      client: client(),
    });
    const rows = await handle.db.select().from(sessions).where(eq(sessions.userId, account.userId));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.tokenHash).not.toContain(token);
  });
});
