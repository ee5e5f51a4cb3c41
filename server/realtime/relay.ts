import { asc, gt } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../../db/client';
import { events } from '../../db/schema';
import type { CommittedEvent } from '../events/append';
import { latestEventId } from '../events/queries';
import { logger } from '../log';

/** The channel a process rings after it committed events; the payload carries nothing. */
const CHANNEL = 'posko_events';
/** Events read and handed on per round. */
const BATCH = 500;
/** A lost bell (a NOTIFY during a listener's reconnect, a PostgreSQL restart) is noticed within this. */
const POLL_MS = 1_000;
/** Wait before the listener connects again after it lost its connection. */
const RECONNECT_MS = 1_000;

export interface EventRelay {
  /** This process committed events: ring every process (itself included) to read them. */
  ring(): void;
  close(): Promise<void>;
}

/**
 * Several processes on one database: events reach each process's sockets through the database, not through
 * broadcasts that a dropped LISTEN connection loses. Each process reads the events committed after the last
 * one it handed on, in id order (ids commit in order, see appendEvents), and gives them to `deliver` with the
 * id before each — so every event reaches each process once, in order, with nothing skipped. A NOTIFY after
 * each commit rings at once; a poll every second and every (re)connection of the listener cover a lost ring.
 */
export function createEventRelay({
  db,
  pool,
  deliver,
}: {
  db: Database;
  pool: pg.Pool;
  deliver: (events: CommittedEvent[]) => Promise<void>;
}): EventRelay {
  let position: number | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let listener: pg.PoolClient | null = null;
  let reconnect: NodeJS.Timeout | undefined;

  async function drain(): Promise<void> {
    position ??= await latestEventId(db);
    for (;;) {
      const after: number = position;
      const rows = await db.select().from(events).where(gt(events.id, after)).orderBy(asc(events.id)).limit(BATCH);
      if (rows.length === 0 || stopped) return;
      let previousId = after;
      const batch = rows.map((row) => {
        const event = { ...row, previousId };
        previousId = row.id;
        return event;
      });
      await deliver(batch);
      position = previousId;
      if (rows.length < BATCH) return;
    }
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await drain();
      } while (again && !stopped);
    })()
      .catch((error: unknown) => logger().warn({ err: error }, 'Could not read new events to hand on; trying again'))
      .finally(() => {
        running = null;
      });
  }

  function listenAgainSoon(): void {
    if (stopped) return;
    reconnect = setTimeout(() => void listen(), RECONNECT_MS);
    reconnect.unref();
  }

  function dropListener(client: pg.PoolClient, error?: Error): void {
    if (listener !== client) return;
    listener = null;
    client.removeAllListeners('notification');
    client.release(error ?? true);
    listenAgainSoon();
  }

  async function listen(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      logger().warn({ err: error }, 'The event listener cannot reach PostgreSQL; trying again');
      listenAgainSoon();
      return;
    }
    if (stopped) return client.release();
    listener = client;
    client.on('notification', kick);
    client.on('error', (error: Error) => dropListener(client, error));
    client.on('end', () => dropListener(client));
    try {
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      dropListener(client, error as Error);
      return;
    }
    // Whatever was committed while the listener was away.
    kick();
  }

  const poll = setInterval(kick, POLL_MS);
  poll.unref();
  void listen();

  return {
    ring() {
      kick();
      pool
        .query(`SELECT pg_notify('${CHANNEL}', '')`)
        .catch((error: unknown) => logger().warn({ err: error }, 'Could not ring the other processes; they poll'));
    },
    async close() {
      stopped = true;
      clearInterval(poll);
      clearTimeout(reconnect);
      if (listener) {
        const client = listener;
        listener = null;
        client.removeAllListeners('notification');
        client.release();
      }
      while (running) await running;
    },
  };
}
