import type { Transaction } from '../../db/client';
import type { EventRow, NewEventRow } from '../../db/schema';
import type { DomainContext } from '../context';
import { appendEvents } from './append';

/** What a verb's transaction produced: its answer and the events that describe the change. */
export interface Written<T> {
  result: T;
  events: NewEventRow[];
}

// One insert carries six parameters per event; PostgreSQL allows 65,535 per statement.
const EVENTS_PER_INSERT = 2_000;

/**
 * Runs a verb's writes in one transaction, appends its events last (so the event-log lock is held only
 * briefly, after every row lock), and announces them only once the transaction has committed.
 */
export async function commitWithEvents<T>(
  ctx: DomainContext,
  work: (tx: Transaction) => Promise<Written<T>>,
): Promise<T> {
  const { result, events } = await ctx.db.transaction(async (tx) => {
    const written = await work(tx);
    const events: EventRow[] = [];
    for (let start = 0; start < written.events.length; start += EVENTS_PER_INSERT) {
      events.push(...(await appendEvents(tx, written.events.slice(start, start + EVENTS_PER_INSERT))));
    }
    return { result: written.result, events };
  });
  if (events.length > 0) ctx.publish(events);
  return result;
}
