import type pg from 'pg';

/** "Posko" and 2: the lock processes take while they migrate and seed a shared database. */
const START_LOCK = [0x506f736b, 2] as const;

/**
 * Runs `prepare` (migrations, reference data) while holding a PostgreSQL advisory lock, so processes
 * started together on one database prepare it one after another instead of racing on the same tables.
 */
export async function whilePreparing<T>(pool: pg.Pool, prepare: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1, $2)', [...START_LOCK]);
    try {
      return await prepare();
    } finally {
      await client.query('select pg_advisory_unlock($1, $2)', [...START_LOCK]);
    }
  } finally {
    client.release();
  }
}
