import { sql } from 'drizzle-orm';
import { getAppContext } from '@/server/context';
import { DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS } from '@/server/errors';

/** A database that does not answer within this is down for the purpose of this check. */
const CHECK_TIMEOUT_MS = 3_000;

export async function GET(): Promise<Response> {
  const { db, driver } = getAppContext();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS))),
    ]);
    return Response.json({ status: 'ok', database: driver });
  } catch {
    // The HTTP server answers, so what is down is the database.
    return Response.json(
      { status: 'unavailable', database: driver, down: ['database'], error: DATABASE_UNAVAILABLE },
      { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
    );
  } finally {
    clearTimeout(timer);
  }
}
