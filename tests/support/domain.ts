import type { DatabaseHandle } from '../../db/client';
import type { EventRow } from '../../db/schema';
import type { DomainContext } from '../../server/context';

/** A domain context on a test database that records what the verbs announced. */
export function testContext(handle: DatabaseHandle): DomainContext & { published: EventRow[] } {
  const published: EventRow[] = [];
  return {
    db: handle.db,
    published,
    publish: (events) => published.push(...events),
    now: () => new Date(),
  };
}
