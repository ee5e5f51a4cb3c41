import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../../db/client';
import { rateLimits } from '../../db/schema';

/** Requests per token per minute. */
export interface ApiTokenLimits {
  readonly perMinute: number;
  /** Counts one request; the seconds to wait when the token has used its minute, else 0. */
  consume(tokenId: string): Promise<number>;
}

/**
 * A fixed window of one minute per token, counted in the database (rate-limiter-flexible's Drizzle store)
 * so every process shares it. Built by the custom server: the store loads drizzle at run time, which
 * Next's bundle of the route handlers cannot.
 */
export function createApiTokenLimits(db: Database, perMinute: number): ApiTokenLimits {
  // Expired rows are reused by the next request, so the store's sweep timer stays off.
  const limiter = new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    clearExpiredByTimeout: false,
    keyPrefix: 'api-token',
    points: perMinute,
    duration: 60,
  });
  return {
    perMinute,
    async consume(tokenId) {
      try {
        await limiter.consume(tokenId);
        return 0;
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      }
    },
  };
}
