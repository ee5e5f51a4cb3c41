import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { events, type EventRow } from '../../db/schema';

/** The newest committed event id, the position a fresh snapshot corresponds to. */
export async function latestEventId(db: Executor): Promise<number> {
  const [row] = await db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
  return row?.id ?? 0;
}

/** A province's events after a position, oldest first, at most `limit`. */
export async function provinceEventsSince(
  db: Executor,
  provinceCode: string,
  afterId: number,
  limit: number,
): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.provinceCode, provinceCode), gt(events.id, afterId)))
    .orderBy(asc(events.id))
    .limit(limit);
}
