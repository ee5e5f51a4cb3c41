import { RateLimiterDrizzle } from 'rate-limiter-flexible';
import type { Database } from '../../db/client';
import { rateLimits } from '../../db/schema';

/** Failed sign-ins allowed per minute for one account, and per 15 minutes from one address. */
export const FAILURES_PER_ACCOUNT = 10;
// Generous: whole kantor Dinsos and mobile carriers share one address behind NAT.
export const FAILURES_PER_ADDRESS = 100;

export interface SignInLimits {
  /** How long the attempt must wait (ms), or 0 when it may go ahead. */
  waitMs(accountKey: string, address: string): Promise<number>;
  failed(accountKey: string, address: string): Promise<void>;
  succeeded(accountKey: string): Promise<void>;
}

/** Counted in the database (rate-limiter-flexible's Drizzle store), so every process sees the same. */
export function createSignInLimits(db: Database): SignInLimits {
  // Expired rows are ignored and reused by the next failure, so the store's sweep timer stays off.
  const store = { storeClient: db, schema: rateLimits, clearExpiredByTimeout: false };
  const perAccount = new RateLimiterDrizzle({
    ...store,
    keyPrefix: 'signin-account',
    points: FAILURES_PER_ACCOUNT,
    duration: 60,
  });
  const perAddress = new RateLimiterDrizzle({
    ...store,
    keyPrefix: 'signin-address',
    points: FAILURES_PER_ADDRESS,
    duration: 15 * 60,
  });
  return {
    async waitMs(accountKey, address) {
      const [account, origin] = await Promise.all([perAccount.get(accountKey), perAddress.get(address)]);
      const wait = (result: typeof account, limit: number) =>
        result && result.consumedPoints >= limit ? Math.max(result.msBeforeNext, 1_000) : 0;
      return Math.max(wait(account, FAILURES_PER_ACCOUNT), wait(origin, FAILURES_PER_ADDRESS));
    },
    async failed(accountKey, address) {
      await Promise.all([perAccount.penalty(accountKey), perAddress.penalty(address)]);
    },
    async succeeded(accountKey) {
      await perAccount.delete(accountKey);
    },
  };
}
