import { and, asc, eq, gt, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignments, events, incidents, provinceAsks, type EventRow } from '../../db/schema';
import { latestEventId } from '../events/queries';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../lib/dispatch';
import { isWaveOffer } from '../deployments/offers';
import { isCheckInEvent } from '../../lib/operations';
import { MAX_REPLAY, rooms, type EventsSinceResult, type LiveEvent } from '../../lib/realtime';
import type { Actor } from '../../lib/roles';

const REQUEST_EVENT_PREFIX = REQUEST_EVENTS.created.split('.')[0]!;
const isRequestEvent = (type: string) => type.startsWith(`${REQUEST_EVENT_PREFIX}.`);

/** Where an event's incident lies, and the other provinces it asked for help (who see it too). */
export interface IncidentPlace {
  provinceCode: string;
  regencyCode: string;
  askedProvinceCodes: readonly string[];
}

/**
 * Who may see an event, as rooms. The live fan-out and the replay filter below say the same thing:
 * staff see their province and its incidents, or their kabupaten and its incidents (answers from
 * volunteers of other kabupaten and provinces included), and the incidents that asked their province for
 * help; a volunteer sees its own events and the requests of its province and of the incidents that asked
 * its province for help.
 */
export function roomsForEvent(
  event: Pick<EventRow, 'type' | 'provinceCode' | 'regencyCode' | 'volunteerId'> & { payload?: EventRow['payload'] },
  incident: IncidentPlace | null = null,
  offeredTo: readonly string[] = [],
): string[] {
  const incidentRegencyCode = incident?.regencyCode ?? null;
  const to = [rooms.national, rooms.province(event.provinceCode)];
  if (incident && incident.provinceCode !== event.provinceCode) to.push(rooms.province(incident.provinceCode));
  for (const code of incident?.askedProvinceCodes ?? []) if (code !== event.provinceCode) to.push(rooms.province(code));
  if (event.regencyCode) to.push(rooms.regency(event.regencyCode));
  if (incidentRegencyCode && incidentRegencyCode !== event.regencyCode) to.push(rooms.regency(incidentRegencyCode));
  if (event.volunteerId) to.push(rooms.volunteer(event.volunteerId));
  // A wave's offers: the kabupaten/kota it reached, and each offered volunteer (read from its assignments).
  if (isWaveOffer(event)) {
    for (const code of regencyCodesOf(event.payload)) if (code !== incidentRegencyCode) to.push(rooms.regency(code));
    for (const volunteerId of offeredTo) to.push(rooms.volunteer(volunteerId));
  }
  if (isRequestEvent(event.type)) {
    to.push(rooms.provinceVolunteers(event.provinceCode));
    for (const code of incident?.askedProvinceCodes ?? []) to.push(rooms.provinceVolunteers(code));
  }
  // A ketua regu watches the check-ins of its team (same kabupaten and pillar).
  const pillarCode = event.payload?.pillarCode;
  if (isCheckInEvent(event.type) && event.regencyCode && typeof pillarCode === 'string') {
    to.push(rooms.team(event.regencyCode, pillarCode));
  }
  return to;
}

function regencyCodesOf(payload: EventRow['payload'] | undefined): string[] {
  const codes = payload?.regencyCodes;
  return Array.isArray(codes) ? codes.filter((code): code is string => typeof code === 'string') : [];
}

/** A wave's offer event reached a kabupaten/kota (its payload lists them). */
const waveReached = (regencyCode: string) =>
  and(
    eq(events.type, ASSIGNMENT_EVENTS.offered),
    isNull(events.volunteerId),
    sql`jsonb_exists(${events.payload}->'regencyCodes', ${regencyCode})`,
  );

/** A wave's offer event offered the request to the volunteer (its assignment names the wave). */
const waveOffered = (volunteerId: string) =>
  and(
    eq(events.type, ASSIGNMENT_EVENTS.offered),
    isNull(events.volunteerId),
    sql`exists (select 1 from ${assignments} where ${assignments.volunteerId} = ${volunteerId}
      and ${assignments.requestId} = (${events.payload}->>'requestId')::uuid
      and ${assignments.offerWave} = (${events.payload}->>'wave')::int)`,
  );

/** Events of the incidents of a province, and of the incidents that asked it for help. */
const incidentOfProvince = (provinceCode: string) =>
  or(
    sql`${events.incidentId} in (select ${incidents.id} from ${incidents} where ${incidents.provinceCode} = ${provinceCode})`,
    askedProvince(provinceCode),
  );
const askedProvince = (provinceCode: string) =>
  sql`${events.incidentId} in (select ${provinceAsks.incidentId} from ${provinceAsks} where ${provinceAsks.toProvinceCode} = ${provinceCode})`;

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
            waveReached(actor.scope.regencyCode),
          )
        : or(eq(events.provinceCode, actor.scope.provinceCode), incidentOfProvince(actor.scope.provinceCode));
    case 'volunteer':
      return or(
        eq(events.volunteerId, actor.volunteerId),
        waveOffered(actor.volunteerId),
        and(
          like(events.type, `${REQUEST_EVENT_PREFIX}.%`),
          or(eq(events.provinceCode, actor.provinceCode), askedProvince(actor.provinceCode)),
        ),
        actor.isTeamLeader
          ? and(
              like(events.type, 'checkin.%'),
              eq(events.regencyCode, actor.regencyCode),
              sql`${events.payload}->>'pillarCode' = ${actor.pillarCode}`,
            )
          : undefined,
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

/**
 * What an actor missed after a position, up to the newest committed event (the answer's position), or a
 * reset when it is more than MAX_REPLAY events. Ids commit in order (see appendEvents), so every event at
 * or below the newest id read first has committed by the time the events are read.
 */
export async function eventsSince(db: Executor, actor: Actor, after: number): Promise<EventsSinceResult> {
  const through = Math.max(after, await latestEventId(db));
  const rows = await db
    .select()
    .from(events)
    .where(and(gt(events.id, after), lte(events.id, through), visibleTo(actor)))
    .orderBy(asc(events.id))
    .limit(MAX_REPLAY + 1);
  if (rows.length > MAX_REPLAY) return { reset: true, position: through };
  return { reset: false, events: rows.map(toLiveEvent), position: through };
}
