import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { rateLimits } from '../../db/schema';
import { SIGNUPS_PER_ADDRESS_PER_HOUR } from '../../lib/signups';
import { DomainError } from '../errors';

const WINDOW_MS = 3_600_000;

/**
 * Counts one sign-up from an address in the shared rate-limit table (one statement, so every process
 * sees the same count; an hour's window starts with the first sign-up); refuses past a whole camp's worth.
 */
export async function countSignupFrom(db: Database, address: string, now: Date): Promise<void> {
  const expire = new Date(now.getTime() + WINDOW_MS);
  const [row] = await db
    .insert(rateLimits)
    .values({ key: `signup-address:${address}`, points: 1, expire })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        points: sql`case when ${rateLimits.expire} <= ${now} then 1 else ${rateLimits.points} + 1 end`,
        expire: sql`case when ${rateLimits.expire} <= ${now} then ${expire} else ${rateLimits.expire} end`,
      },
    })
    .returning({ points: rateLimits.points, expire: rateLimits.expire });
  if (row && row.points > SIGNUPS_PER_ADDRESS_PER_HOUR) {
    const minutes = Math.max(1, Math.ceil(((row.expire?.getTime() ?? expire.getTime()) - now.getTime()) / 60_000));
    throw new DomainError(
      'RATE_LIMITED',
      `Terlalu banyak pendaftaran dari jaringan ini. Coba lagi ${minutes} menit lagi.`,
    );
  }
}
