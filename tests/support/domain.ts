import type { DatabaseHandle } from '../../db/client';
import type { EventRow } from '../../db/schema';
import type { DomainContext } from '../../server/context';
import type { CommittedEvent } from '../../server/events/append';

/** Announced events as the event log stores them (without the id of the one committed before). */
export function asStored(events: CommittedEvent[]): EventRow[] {
  return events.map(({ previousId: _previous, ...row }) => row);
}

/** A domain context on a test database that records what the verbs announced. */
export function testContext(handle: DatabaseHandle): DomainContext & { published: CommittedEvent[] } {
  const published: CommittedEvent[] = [];
  return {
    db: handle.db,
    published,
    publish: (events) => published.push(...events),
    now: () => new Date(),
  };
}
