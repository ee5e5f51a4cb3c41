import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Executor } from '../../db/client';
import { users, volunteers, type NewUser } from '../../db/schema';
import { hashPassword } from '../../server/auth/passwords';
import { actorOf, createSession, SESSION_COOKIE } from '../../server/auth/sessions';
import type { Actor } from '../../server/auth/actor';

export const TEST_PASSWORD = 'rahasia-uji-123';
const passwordHash = hashPassword(TEST_PASSWORD);
let counter = 0;

export interface TestAccount {
  userId: string;
  actor: Actor;
  /** `posko_session=…`, for a Cookie header. */
  cookie: string;
  username: string | null;
  phone: string | null;
}

export type AccountSpec =
  | { role: 'admin' }
  | { role: 'coordinator' | 'leader'; provinceCode: string; regencyCode?: string }
  | { role: 'volunteer'; volunteerId: string };

/** An account with a password and a live session, made straight in the database. */
export async function createTestAccount(db: Executor, spec: AccountSpec): Promise<TestAccount> {
  counter += 1;
  const values: NewUser =
    spec.role === 'volunteer'
      ? await volunteerAccount(db, spec.volunteerId)
      : {
          role: spec.role,
          displayName: `Uji ${spec.role} ${counter}`,
          username: `uji.${spec.role}.${counter}.${Math.random().toString(36).slice(2, 8)}`,
          provinceCode: spec.role === 'admin' ? null : spec.provinceCode,
          regencyCode: spec.role === 'admin' ? null : (spec.regencyCode ?? null),
        };
  const [user] = await db
    .insert(users)
    .values({ ...values, passwordHash: await passwordHash })
    .returning();
  const actor = await actorOf(db, user!);
  const { token } = await createSession(db, user!.id, {
    now: new Date(),
    policy: { idleMs: 3_600_000, maxMs: 86_400_000 },
  });
  return {
    userId: user!.id,
    actor: actor!,
    cookie: `${SESSION_COOKIE}=${token}`,
    username: user!.username,
    phone: user!.phone,
  };
}

async function volunteerAccount(db: Executor, volunteerId: string): Promise<NewUser> {
  const [volunteer] = await db.select().from(volunteers).where(eq(volunteers.id, volunteerId));
  if (!volunteer) throw new Error(`no volunteer ${volunteerId}`);
  return { role: 'volunteer', displayName: volunteer.name, phone: volunteer.phone, volunteerId };
}

/** Available volunteers of a regency without an account yet, in a stable order. */
export async function volunteersWithoutAccount(db: Executor, regencyCode: string, limit: number) {
  return db
    .select({ id: volunteers.id, name: volunteers.name })
    .from(volunteers)
    .leftJoin(users, eq(users.volunteerId, volunteers.id))
    .where(and(eq(volunteers.regencyCode, regencyCode), eq(volunteers.availability, 'available'), isNull(users.id)))
    .orderBy(asc(volunteers.id))
    .limit(limit);
}

/** A browser context signed in as `account` (its session cookie set for the server's address). */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  account: TestAccount,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const [name, value] = account.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/** The session cookie (`posko_session=…`) of a demo account, signed in through the API with the demo password. */
export async function signInDemo(baseUrl: string, login: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'siaga-demo' }),
  });
  if (response.status !== 200) throw new Error(`Signing in as ${login} answered ${response.status}.`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}
