import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import {
  assignments,
  regencies,
  requestWaves,
  volunteers,
  type DeploymentRequest,
  type EventRow,
  type Incident,
  type NewEventRow,
} from '../../db/schema';
import { ASSIGNMENT_EVENTS } from '../../lib/dispatch';

/** Who a wave offers the request to: the volunteers a condition selects, or a list of them. */
export type OfferTo = { where: SQL } | { volunteerIds: string[] };

/**
 * Offers the request to everyone `to` names in one statement (INSERT … SELECT, whatever their number),
 * and describes the wave with one `assignment.offered` event: its payload names the request, the wave,
 * how many were offered and their kabupaten/kota; the assignment rows say who. In a later wave a volunteer
 * who already has an offer on the request is skipped (the unique request+volunteer index), so no one is
 * offered twice; wave 1 is only ever the request's own transaction's. No event when nobody was offered.
 */
export async function offerWave(
  tx: Transaction,
  request: DeploymentRequest,
  incident: Incident,
  to: OfferTo,
  wave: number,
  now: Date,
): Promise<{ offered: number; event: NewEventRow | null }> {
  const chosen =
    'where' in to
      ? sql`select ${volunteers.id} as id from ${volunteers} where ${to.where}`
      : sql`select distinct unnest(${`{${to.volunteerIds.join(',')}}`}::uuid[]) as id`;
  // The first wave is offered in the transaction that wrote the request, which has no offers yet: a plain
  // insert, without the unique index's check-then-insert of ON CONFLICT for each row (a quarter of the
  // statement's time at 1,000 volunteers).
  const skipOffered = wave === 1 ? sql`` : sql`on conflict (request_id, volunteer_id) do nothing`;
  // Both drivers (node-postgres and PGlite) answer a raw statement with its rows.
  const { rows } = (await tx.execute(sql`
    with offered as (
      insert into ${assignments} (request_id, volunteer_id, offered_at, updated_at, offer_wave)
      select ${request.id}, chosen.id, ${now}, ${now}, ${wave} from (${chosen}) as chosen
      ${skipOffered}
      returning volunteer_id
    )
    select offered.volunteer_id, ${volunteers.regencyCode} as regency_code
    from offered join ${volunteers} on ${volunteers.id} = offered.volunteer_id`)) as unknown as {
    rows: { volunteer_id: string; regency_code: string }[];
  };
  const offered = rows.length;
  if (offered === 0) return { offered, event: null };
  remember(
    request.id,
    wave,
    rows.map((row) => row.volunteer_id),
  );
  return {
    offered,
    event: {
      type: ASSIGNMENT_EVENTS.offered,
      provinceCode: incident.provinceCode,
      regencyCode: null,
      volunteerId: null,
      incidentId: incident.id,
      payload: {
        requestId: request.id,
        wave,
        offered,
        regencyCodes: [...new Set(rows.map((row) => row.regency_code))].sort(),
      },
    },
  };
}

/** A wave's offers as one event (this release), or an older log's one event per offered volunteer. */
export const isWaveOffer = (event: Pick<EventRow, 'type' | 'volunteerId'>): boolean =>
  event.type === ASSIGNMENT_EVENTS.offered && event.volunteerId === null;

/** The request and wave a wave's `assignment.offered` event names, or null for any other event. */
function waveOf(event: Pick<EventRow, 'type' | 'volunteerId' | 'payload'>): { requestId: string; wave: number } | null {
  if (!isWaveOffer(event)) return null;
  const { requestId, wave } = event.payload;
  return typeof requestId === 'string' && typeof wave === 'number' ? { requestId, wave } : null;
}

/**
 * The volunteers of the waves this process offered, until their events are fanned out: the process that
 * made the offers need not read them back. Bounded, since a wave whose transaction failed is never asked for.
 */
const offeredHere = new Map<string, string[]>();
const REMEMBERED_WAVES = 64;

function remember(requestId: string, wave: number, volunteerIds: string[]): void {
  offeredHere.set(`${requestId}:${wave}`, volunteerIds);
  if (offeredHere.size > REMEMBERED_WAVES) offeredHere.delete(offeredHere.keys().next().value!);
}

/**
 * Who a wave's event offered the request to, by volunteer id, for its fan-out: from this process's memory
 * when it made the offers, else from the assignment rows.
 */
export async function offeredVolunteerIds(
  db: Executor,
  event: Pick<EventRow, 'type' | 'volunteerId' | 'payload'>,
): Promise<string[]> {
  const wave = waveOf(event);
  if (!wave) return [];
  const key = `${wave.requestId}:${wave.wave}`;
  const known = offeredHere.get(key);
  if (known) {
    offeredHere.delete(key);
    return known;
  }
  return (await offerRecipients(db, event)).map((recipient) => recipient.volunteerId);
}

export interface OfferRecipient {
  volunteerId: string;
  assignmentId: string;
  regencyCode: string;
  /** The volunteer's province: the incident's, or the one that sent help (see province asks). */
  provinceCode: string;
}

/** Who a wave's event offered the request to, from the assignment rows (empty for any other event). */
export async function offerRecipients(
  db: Executor,
  event: Pick<EventRow, 'type' | 'volunteerId' | 'payload'>,
): Promise<OfferRecipient[]> {
  const wave = waveOf(event);
  if (!wave) return [];
  return db
    .select({
      volunteerId: assignments.volunteerId,
      assignmentId: assignments.id,
      regencyCode: volunteers.regencyCode,
      provinceCode: regencies.provinceCode,
    })
    .from(assignments)
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(and(eq(assignments.requestId, wave.requestId), eq(assignments.offerWave, wave.wave)));
}

/**
 * The events with each wave's offer spread into one event per offered volunteer, in the volunteer's
 * scope, as the notifiers read them (a push or a text goes to each person); every other event as it is.
 */
export async function perVolunteer<E extends EventRow>(db: Executor, events: E[]): Promise<E[]> {
  if (!events.some(isWaveOffer)) return events;
  const spread: E[] = [];
  for (const event of events) {
    if (!isWaveOffer(event)) {
      spread.push(event);
      continue;
    }
    for (const recipient of await offerRecipients(db, event)) {
      spread.push({
        ...event,
        volunteerId: recipient.volunteerId,
        provinceCode: recipient.provinceCode,
        regencyCode: recipient.regencyCode,
        payload: { ...event.payload, assignmentId: recipient.assignmentId },
      });
    }
  }
  return spread;
}

/** Records a wave (its number is the primary key with the request: the same wave cannot be recorded twice). */
export async function recordWave(
  tx: Transaction,
  requestId: string,
  number: number,
  offered: number,
  now: Date,
): Promise<void> {
  await tx.insert(requestWaves).values({ requestId, number, offered, offeredAt: now });
}
