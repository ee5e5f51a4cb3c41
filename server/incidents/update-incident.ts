import { eq } from 'drizzle-orm';
import { incidents, type Incident, type NewIncident } from '../../db/schema';
import { INCIDENT_EVENTS, UpdateIncident } from '../../lib/dispatch';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import {
  assertIncidentOpen,
  assertNotInFuture,
  districtInRegency,
  findRegency,
  incidentEvent,
  lockIncident,
} from './access';

type EditableField =
  'type' | 'title' | 'severity' | 'districtCode' | 'lat' | 'lng' | 'description' | 'needs' | 'occurredAt';
const EDITABLE_FIELDS: readonly EditableField[] = [
  'type',
  'title',
  'severity',
  'districtCode',
  'lat',
  'lng',
  'description',
  'needs',
  'occurredAt',
];
/** Long texts stay out of the event: live clients learn that they changed and read them when shown. */
const TEXT_FIELDS: readonly EditableField[] = ['description', 'needs'];

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/**
 * A coordinator in scope corrects or completes an open incident; only the fields sent change, and an
 * update that changes nothing writes nothing. The kabupaten/kota cannot change (it decides who sees it).
 */
export async function updateIncident({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Incident> {
  const { incidentId, ...fields } = parseInput(UpdateIncident, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    requireCoordinatorFor(ctx.actor, incident);
    assertIncidentOpen(incident, 'perubahan data');
    if (fields.districtCode) {
      const regency = await findRegency(tx, incident.regencyCode);
      await districtInRegency(tx, fields.districtCode, regency!);
    }
    if (fields.occurredAt) assertNotInFuture(fields.occurredAt, now);

    const changes: Partial<NewIncident> = {};
    const changed: EditableField[] = [];
    for (const field of EDITABLE_FIELDS) {
      const value = fields[field];
      if (value === undefined || same(value, incident[field])) continue;
      Object.assign(changes, { [field]: value });
      changed.push(field);
    }
    if (changed.length === 0) return { result: incident, events: [] };

    const [updated] = await tx
      .update(incidents)
      .set({ ...changes, updatedAt: now })
      .where(eq(incidents.id, incident.id))
      .returning();
    const shown = Object.fromEntries(
      changed.filter((field) => !TEXT_FIELDS.includes(field)).map((field) => [field, updated![field]]),
    );
    return {
      result: updated!,
      events: [incidentEvent(incident, INCIDENT_EVENTS.updated, { changed, ...shown, by: ctx.actor.userId })],
    };
  });
}
