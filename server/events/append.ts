import { sql } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { events, type EventRow, type NewEventRow } from '../../db/schema';

/** Any constant works; it names the lock that orders event writes. */
const EVENT_LOG_LOCK = 0x706f736b; // "posk"

/**
 * Appends events inside the caller's transaction. Event ids come from a sequence at insert time, so
 * without ordering a later id could commit first and a reader at "id > last seen" would skip the
 * earlier one. The transaction-scoped advisory lock makes id order equal commit order.
 */
export async function appendEvents(tx: Transaction, rows: NewEventRow[]): Promise<EventRow[]> {
  if (rows.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
  return tx.insert(events).values(rows).returning();
}
