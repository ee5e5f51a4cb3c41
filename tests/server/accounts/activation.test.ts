import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { sessions, users } from '../../../db/schema';
import { activateAccount, activationStatus } from '../../../server/accounts/activate';
import { createAccount } from '../../../server/accounts/create-account';
import { endSessions } from '../../../server/accounts/end-sessions';
import { issueActivations } from '../../../server/accounts/issue-activations';
import type { Actor } from '../../../server/auth/actor';
import { resolveSession, type SessionPolicy } from '../../../server/auth/sessions';
import { signIn, type AuthContext } from '../../../server/auth/sign-in';
import { createSignInLimits } from '../../../server/auth/sign-in-limits';
import { DomainError } from '../../../server/errors';
import { createTestAccount, volunteersWithoutAccount, type TestAccount } from '../../support/accounts';
import { openTestDatabase } from '../../support/database';
import { testContext } from '../../support/domain';

let handle: DatabaseHandle;
let auth: AuthContext;
let admin: TestAccount;
let kalteng: TestAccount;
let kapuas: TestAccount;
let jabar: TestAccount;
let leader: TestAccount;
const policy: SessionPolicy = { idleMs: 3_600_000, maxMs: 86_400_000 };

beforeAll(async () => {
  handle = await openTestDatabase('demo');
  auth = { ...testContext(handle), sessionPolicy: policy, signInLimits: createSignInLimits(handle.db) };
  [admin, kalteng, kapuas, jabar, leader] = await Promise.all([
    createTestAccount(handle.db, { role: 'admin' }),
    createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62' }),
    createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62', regencyCode: '62.03' }),
    createTestAccount(handle.db, { role: 'coordinator', provinceCode: '32' }),
    createTestAccount(handle.db, { role: 'leader', provinceCode: '62' }),
  ]);
});
afterAll(async () => {
  await handle?.close();
});

const as = (account: TestAccount | Actor) => ({
  ...testContext(handle),
  actor: 'actor' in account ? account.actor : account,
});

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('activation links', () => {
  it('give a whole list of volunteers accounts they finish on their phones, once', async () => {
    const chosen = await volunteersWithoutAccount(handle.db, '62.03', 3);
    const links = await issueActivations({ ctx: as(kapuas), input: { volunteerIds: chosen.map((v) => v.id) } });
    expect(links.map((link) => link.volunteerId).sort()).toEqual(chosen.map((v) => v.id).sort());
    const created = await handle.db
      .select()
      .from(users)
      .where(
        inArray(
          users.volunteerId,
          chosen.map((v) => v.id),
        ),
      );
    expect(created.every((user) => user.role === 'volunteer' && user.passwordHash === null)).toBe(true);

    const link = links[0]!;
    expect(await activationStatus(handle.db, link.token, new Date())).toEqual({ state: 'valid', name: link.name });
    const activated = await activateAccount({ ctx: auth, token: link.token, input: { password: 'kata-sandi-baru' } });
    expect(activated.actor).toMatchObject({ role: 'volunteer', volunteerId: link.volunteerId });
    expect(await resolveSession(handle.db, activated.token, { now: new Date(), policy })).not.toBeNull();

    const again = await failure(
      activateAccount({ ctx: auth, token: link.token, input: { password: 'kata-sandi-lain' } }),
    );
    expect(again.message).toMatch(/sudah dipakai/);
    expect((await activationStatus(handle.db, link.token, new Date())).state).toBe('used');
    const signedIn = await signIn({
      ctx: auth,
      input: { login: link.phone, password: 'kata-sandi-baru' },
      client: { address: '10.1.1.1' },
    });
    expect(signedIn.actor.userId).toBe(link.userId);
  });

  it('say plainly when they expired or are unknown, and a new link replaces the open one', async () => {
    const [volunteer] = await volunteersWithoutAccount(handle.db, '62.11', 1);
    const [first] = await issueActivations({ ctx: as(kalteng), input: { volunteerIds: [volunteer!.id] } });
    const [second] = await issueActivations({ ctx: as(kalteng), input: { volunteerIds: [volunteer!.id] } });
    expect(second!.userId).toBe(first!.userId);
    expect((await activationStatus(handle.db, first!.token, new Date())).state).toBe('expired');
    const expired = await failure(
      activateAccount({ ctx: auth, token: first!.token, input: { password: 'kata-sandi-baru' } }),
    );
    expect(expired.message).toMatch(/kedaluwarsa/);

    const later = new Date(Date.now() + 73 * 3_600_000);
    expect((await activationStatus(handle.db, second!.token, later)).state).toBe('expired');
    const unknown = await failure(
      activateAccount({ ctx: auth, token: 'bukan-tautan', input: { password: 'kata-sandi-baru' } }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toMatch(/tidak dikenal/);
  });

  it("are refused outside the coordinator's scope and to leaders, all or nothing", async () => {
    const [inKapuas] = await volunteersWithoutAccount(handle.db, '62.03', 1);
    const [inKatingan] = await volunteersWithoutAccount(handle.db, '62.06', 1);
    const [inKuningan] = await volunteersWithoutAccount(handle.db, '32.08', 1);
    const cases: [TestAccount, string[]][] = [
      [kapuas, [inKapuas!.id, inKatingan!.id]],
      [jabar, [inKapuas!.id]],
      [kalteng, [inKuningan!.id]],
      [leader, [inKapuas!.id]],
    ];
    for (const [actor, volunteerIds] of cases) {
      const refused = await failure(issueActivations({ ctx: as(actor), input: { volunteerIds } }));
      expect(refused.code).toBe('FORBIDDEN');
    }
    const touched = await handle.db
      .select()
      .from(users)
      .where(inArray(users.volunteerId, [inKapuas!.id, inKatingan!.id, inKuningan!.id]));
    expect(touched).toEqual([]);
    const bad = await failure(issueActivations({ ctx: as(kalteng), input: { volunteerIds: ['x'] } }));
    expect(bad.code).toBe('INVALID');
  });

  it('refuse a password that is too short, and leave the link usable', async () => {
    const [volunteer] = await volunteersWithoutAccount(handle.db, '62.71', 1);
    const [link] = await issueActivations({ ctx: as(admin), input: { volunteerIds: [volunteer!.id] } });
    const short = await failure(activateAccount({ ctx: auth, token: link!.token, input: { password: 'pendek' } }));
    expect(short.code).toBe('INVALID');
    expect(short.details?.password?.[0]).toMatch(/minimal 8/);
    expect((await activationStatus(handle.db, link!.token, new Date())).state).toBe('valid');
  });
});

describe('createAccount', () => {
  it('lets an admin create a kabupaten coordinator who activates and acts in that kabupaten only', async () => {
    const created = await createAccount({
      ctx: as(admin),
      input: {
        role: 'coordinator',
        displayName: 'Koordinator Katingan',
        username: 'Koord.Katingan',
        phone: '0812-3456-7001',
        provinceCode: '62',
        regencyCode: '62.06',
      },
    });
    const [user] = await handle.db.select().from(users).where(eq(users.id, created.userId));
    expect(user).toMatchObject({ username: 'koord.katingan', phone: '+6281234567001', regencyCode: '62.06' });
    const { actor } = await activateAccount({
      ctx: auth,
      token: created.token,
      input: { password: 'rahasia-katingan' },
    });
    expect(actor).toMatchObject({ role: 'coordinator', scope: { provinceCode: '62', regencyCode: '62.06' } });
  });

  it('is for admins only, and refuses a taken username or a scope that does not fit', async () => {
    const input = { role: 'leader', displayName: 'Pimpinan', username: 'pimpinan.baru', provinceCode: '62' };
    for (const actor of [kalteng, leader]) {
      expect((await failure(createAccount({ ctx: as(actor), input }))).code).toBe('FORBIDDEN');
    }
    await createAccount({ ctx: as(admin), input });
    expect((await failure(createAccount({ ctx: as(admin), input }))).message).toMatch(/sudah dipakai/);
    const misfit = await failure(
      createAccount({ ctx: as(admin), input: { ...input, username: 'lain.lagi', regencyCode: '32.08' } }),
    );
    expect(misfit.details?.regencyCode).toBeDefined();
    const noProvince = await failure(
      createAccount({ ctx: as(admin), input: { role: 'coordinator', displayName: 'X Y', username: 'tanpa.provinsi' } }),
    );
    expect(noProvince.details?.provinceCode).toBeDefined();
  });
});

describe('endSessions', () => {
  it('signs an account out everywhere; coordinators may do it to volunteers in scope only', async () => {
    const [volunteer] = await volunteersWithoutAccount(handle.db, '62.03', 1);
    const phone = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: volunteer!.id });
    for (const outsider of [jabar, leader]) {
      expect((await failure(endSessions({ ctx: as(outsider), input: { userId: phone.userId } }))).code).toBe(
        'FORBIDDEN',
      );
    }
    expect((await failure(endSessions({ ctx: as(kapuas), input: { userId: kalteng.userId } }))).code).toBe('FORBIDDEN');
    const { ended } = await endSessions({ ctx: as(kapuas), input: { userId: phone.userId, disable: true } });
    expect(ended).toBe(1);
    const open = await handle.db.select().from(sessions).where(eq(sessions.userId, phone.userId));
    expect(open.every((session) => session.revokedAt !== null)).toBe(true);
    const [locked] = await handle.db.select().from(users).where(eq(users.id, phone.userId));
    expect(locked?.disabledAt).not.toBeNull();
  });

  it('lets anyone end their own sessions but not lock themselves out', async () => {
    const self = await createTestAccount(handle.db, { role: 'leader', provinceCode: '62' });
    expect((await failure(endSessions({ ctx: as(self), input: { userId: self.userId, disable: true } }))).code).toBe(
      'CONFLICT',
    );
    expect(await endSessions({ ctx: as(self), input: { userId: self.userId } })).toEqual({ ended: 1 });
    const [user] = await handle.db.select().from(users).where(eq(users.id, self.userId));
    expect(user?.disabledAt).toBeNull();
  });
});
