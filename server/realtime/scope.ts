import { and, asc, eq, gt, like, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { events, incidents, type EventRow } from '../../db/schema';
import { REQUEST_EVENTS } from '../../lib/dispatch';
import { MAX_REPLAY, rooms, type EventsSinceResult, type LiveEvent } from '../../lib/realtime';
import type { Actor } from '../../lib/roles';

const REQUEST_EVENT_PREFIX = REQUEST_EVENTS.created.split('.')[0]!;
const isRequestEvent = (type: string) => type.startsWith(`${REQUEST_EVENT_PREFIX}.`);

/**
 * Who may see an event, as rooms. The live fan-out and the replay filter below say the same thing:
 * staff see their province, or their kabupaten and its incidents (answers from volunteers of other
 * kabupaten included); a volunteer sees its own events and the requests of its province.
 */
export function roomsForEvent(
  event: Pick<EventRow, 'type' | 'provinceCode' | 'regencyCode' | 'volunteerId'>,
  incidentRegencyCode: string | null = null,
): string[] {
  const to = [rooms.national, rooms.province(event.provinceCode)];
  if (event.regencyCode) to.push(rooms.regency(event.regencyCode));
  if (incidentRegencyCode && incidentRegencyCode !== event.regencyCode) to.push(rooms.regency(incidentRegencyCode));
  if (event.volunteerId) to.push(rooms.volunteer(event.volunteerId));
  if (isRequestEvent(event.type)) to.push(rooms.provinceVolunteers(event.provinceCode));
  return to;
}

/** The same scope as roomsForEvent, as a filter on the events table. */
function visibleTo(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'admin':
      return undefined;
    case 'coordinator':
    case 'leader':
      return actor.scope.regencyCode
        ? or(
            eq(events.regencyCode, actor.scope.regencyCode),
            sql`${events.incidentId} in (select ${incidents.id} from ${incidents} where ${incidents.regencyCode} = ${actor.scope.regencyCode})`,
          )
        : eq(events.provinceCode, actor.scope.provinceCode);
    case 'volunteer':
      return or(
        eq(events.volunteerId, actor.volunteerId),
        and(eq(events.provinceCode, actor.provinceCode), like(events.type, `${REQUEST_EVENT_PREFIX}.%`)),
      );
  }
}

export function toLiveEvent(event: EventRow): LiveEvent {
  return {
    id: event.id,
    type: event.type,
    provinceCode: event.provinceCode,
    regencyCode: event.regencyCode,
    volunteerId: event.volunteerId,
    incidentId: event.incidentId,
    payload: event.payload,
    createdAt: event.createdAt.toISOString(),
  };
}

/** What an actor missed after a position, or a reset when it is more than MAX_REPLAY events. */
export async function eventsSince(db: Executor, actor: Actor, after: number): Promise<EventsSinceResult> {
  const rows = await db
    .select()
    .from(events)
    .where(and(gt(events.id, after), visibleTo(actor)))
    .orderBy(asc(events.id))
    .limit(MAX_REPLAY + 1);
  if (rows.length > MAX_REPLAY) return { reset: true, position: rows[rows.length - 1]!.id };
  return { reset: false, events: rows.map(toLiveEvent), position: rows.at(-1)?.id ?? after };
}
