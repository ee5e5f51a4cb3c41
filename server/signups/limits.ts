import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../../db/client';
import { rateLimits } from '../../db/schema';
import { SIGNUPS_PER_ADDRESS_PER_HOUR } from '../../lib/signups';
import { DomainError } from '../errors';

// One limiter per database, counted in it (like sign-in's), so every process shares the count.
const limiters = new WeakMap<Database, RateLimiterDrizzle>();

function limiterFor(db: Database): RateLimiterDrizzle {
  let limiter = limiters.get(db);
  if (!limiter) {
    limiter = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      clearExpiredByTimeout: false,
      keyPrefix: 'signup-address',
      points: SIGNUPS_PER_ADDRESS_PER_HOUR,
      duration: 3_600,
    });
    limiters.set(db, limiter);
  }
  return limiter;
}

/** Counts one sign-up from an address; refuses when the address sent more than a whole camp could. */
export async function countSignupFrom(db: Database, address: string): Promise<void> {
  try {
    await limiterFor(db).consume(address);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
    throw new DomainError(
      'RATE_LIMITED',
      `Terlalu banyak pendaftaran dari jaringan ini. Coba lagi ${minutes} menit lagi.`,
    );
  }
}
