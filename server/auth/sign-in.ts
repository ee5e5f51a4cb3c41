import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { SignIn } from '../../lib/auth';
import { normalizePhone } from '../../lib/phone';
import type { DomainContext } from '../context';
import { DomainError, parseInput } from '../errors';
import type { Actor } from './actor';
import { verifyPassword } from './passwords';
import { actorOf, createSession, type SessionPolicy } from './sessions';
import type { SignInLimits } from './sign-in-limits';

export interface AuthContext extends DomainContext {
  sessionPolicy: SessionPolicy;
  signInLimits: SignInLimits;
}

/** The same words whether the account is unknown, disabled or the password wrong. */
export const WRONG_CREDENTIALS = 'Nomor HP/nama pengguna atau kata sandi salah.';

/** A login as typed: a phone number in any Indonesian format, or a username. */
function accountKey(login: string): { phone: string } | { username: string } {
  const phone = /^[+\d\s().-]+$/.test(login) ? normalizePhone(login) : null;
  return phone ? { phone } : { username: login.toLowerCase() };
}

/**
 * Signs in with phone or username and password; failed attempts are limited per account and per
 * address, and the answer never tells whether the account exists.
 */
export async function signIn({
  ctx,
  input,
  client,
}: {
  ctx: AuthContext;
  input: unknown;
  client: { address: string; userAgent?: string | null };
}): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
  const { login, password } = parseInput(SignIn, input);
  const key = accountKey(login);
  const limitKey = 'phone' in key ? key.phone : key.username;

  const waitMs = await ctx.signInLimits.waitMs(limitKey, client.address);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    throw new DomainError(
      'RATE_LIMITED',
      `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${minutes} menit.`,
    );
  }

  const [user] = await ctx.db
    .select()
    .from(users)
    .where('phone' in key ? eq(users.phone, key.phone) : eq(users.username, key.username))
    .limit(1);
  const matches = await verifyPassword(user?.passwordHash ?? null, password);
  const actor = matches && user && !user.disabledAt ? await actorOf(ctx.db, user) : null;
  if (!user || !actor) {
    await ctx.signInLimits.failed(limitKey, client.address);
    throw new DomainError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }

  await ctx.signInLimits.succeeded(limitKey);
  const session = await createSession(ctx.db, user.id, {
    now: ctx.now(),
    policy: ctx.sessionPolicy,
    userAgent: client.userAgent,
  });
  return { ...session, actor };
}
