import { sql } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { events, type EventRow, type NewEventRow } from '../../db/schema';

/** Any constant works; it names the lock that orders event writes. */
const EVENT_LOG_LOCK = 0x706f736b; // "posk"

/**
 * A committed event with the id of the event committed just before it (in any scope, 0 for the first):
 * a page that holds `previousId` knows it missed nothing between the two.
 */
export type CommittedEvent = EventRow & { previousId: number };

/**
 * Appends events inside the caller's transaction. Event ids come from a sequence at insert time, so
 * without ordering a later id could commit first and a reader at "id > last seen" would skip the
 * earlier one. The transaction-scoped advisory lock makes id order equal commit order, so the newest
 * id read under it is the event committed just before these.
 *
 * Verbs lock their rows FOR NO KEY UPDATE, never FOR UPDATE: the insert below checks its foreign keys
 * (volunteer, incident, province, regency) with FOR KEY SHARE, which FOR UPDATE blocks. A verb holding
 * an incident FOR UPDATE while it waits here for the lock would deadlock with the holder of the lock
 * writing an event about that incident.
 */
export async function appendEvents(tx: Transaction, rows: NewEventRow[]): Promise<CommittedEvent[]> {
  if (rows.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
  const [newest] = await tx.select({ id: sql<number>`coalesce(max(${events.id}), 0)`.mapWith(Number) }).from(events);
  const inserted = (await tx.insert(events).values(rows).returning()).sort((a, b) => a.id - b.id);
  let previousId = newest?.id ?? 0;
  return inserted.map((row) => {
    const committed = { ...row, previousId };
    previousId = row.id;
    return committed;
  });
}
