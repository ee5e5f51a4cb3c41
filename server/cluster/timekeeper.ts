import pg from 'pg';
import { logger } from '../log';

/**
 * Timed work (offers past their deadline, overdue check-ins, text reminders, retention) runs on one
 * process at a time. Several processes on one PostgreSQL elect that process with an advisory lock held
 * on a connection of its own: the lock lives as long as the connection, so when its holder dies or
 * loses the database, PostgreSQL frees it and the next process to try takes the part over.
 */
export interface Timekeeper {
  /** Whether this process keeps time now; takes the part when nobody holds it. */
  holds(): Promise<boolean>;
  /** What the last check found, without asking the database (for the metrics). */
  holding(): boolean;
  close(): Promise<void>;
}

/** One process alone (the embedded database, or PostgreSQL without POSKO_CLUSTER) always keeps time. */
export const SOLE_TIMEKEEPER: Timekeeper = { holds: async () => true, holding: () => true, close: async () => {} };

/** The advisory lock's key: "Posko" and 1 as two 32-bit halves, far from any key drizzle or pg-boss use. */
const TIMEKEEPER_LOCK = [0x506f736b, 1] as const;

export function createTimekeeper(connectionString: string): Timekeeper {
  let client: pg.Client | null = null;
  let held = false;
  let closed = false;
  let pending: Promise<boolean> | null = null;

  const forget = (lost: pg.Client) => {
    if (client !== lost) return;
    if (held)
      logger().warn({ job: 'timekeeper' }, 'This process lost its database connection and no longer keeps time');
    client = null;
    held = false;
    lost.end().catch(() => {});
  };

  async function check(): Promise<boolean> {
    try {
      if (!client) {
        const fresh = new pg.Client({ connectionString, application_name: 'posko-timekeeper' });
        fresh.on('error', () => forget(fresh));
        fresh.on('end', () => forget(fresh));
        await fresh.connect();
        client = fresh;
      }
      if (held) {
        // The lock is still ours as long as this connection answers.
        await client.query('select 1');
        return true;
      }
      const { rows } = await client.query<{ taken: boolean }>('select pg_try_advisory_lock($1, $2) as taken', [
        ...TIMEKEEPER_LOCK,
      ]);
      held = rows[0]?.taken === true;
      if (held) logger().info({ job: 'timekeeper' }, 'This process keeps time for the cluster');
      return held;
    } catch {
      if (client) forget(client);
      return false;
    }
  }

  return {
    holds() {
      if (closed) return Promise.resolve(false);
      // Overlapping ticks share one check.
      pending ??= check().finally(() => (pending = null));
      return pending;
    },
    holding: () => held,
    async close() {
      closed = true;
      await pending?.catch(() => {});
      const last = client;
      client = null;
      held = false;
      await last?.end().catch(() => {});
    },
  };
}
