import type { Transaction } from '../../db/client';
import type { NewEventRow } from '../../db/schema';
import type { Actor } from '../../lib/roles';
import type { DomainContext } from '../context';
import { markCommitted } from '../metrics/registry';
import { appendEvents, type CommittedEvent } from './append';

/** What a verb's transaction produced: its answer and the events that describe the change. */
export interface Written<T> {
  result: T;
  events: NewEventRow[];
}

// One insert carries seven parameters per event; PostgreSQL allows 65,535 per statement.
const EVENTS_PER_INSERT = 2_000;

/**
 * Runs a verb's writes in one transaction, appends its events last (so the event-log lock is held only
 * briefly, after every row lock), and announces them only once the transaction has committed. Events of
 * a verb that acts for a person name that person's account (the audit trail).
 */
export async function commitWithEvents<T>(
  ctx: DomainContext & { actor?: Actor },
  work: (tx: Transaction) => Promise<Written<T>>,
): Promise<T> {
  const actorId = ctx.actor?.userId ?? null;
  const { result, events } = await ctx.db.transaction(async (tx) => {
    const written = await work(tx);
    const rows = written.events.map((row) => ({ ...row, actorId: row.actorId ?? actorId }));
    const events: CommittedEvent[] = [];
    for (let start = 0; start < rows.length; start += EVENTS_PER_INSERT) {
      events.push(...(await appendEvents(tx, rows.slice(start, start + EVENTS_PER_INSERT))));
    }
    return { result: written.result, events };
  });
  if (events.length > 0) {
    markCommitted(events);
    ctx.publish(events);
  }
  return result;
}
