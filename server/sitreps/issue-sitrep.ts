import { eq, sql } from 'drizzle-orm';
import { sitreps } from '../../db/schema';
import { IssueSitrep, SITREP_EVENTS } from '../../lib/situation';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { assertIncidentOpen, lockIncident } from '../incidents/access';
import { situationEvent } from '../assessments/access';
import { takeSnapshot } from './snapshot';

/**
 * A coordinator in the incident's scope issues its next Laporan Situasi (No. 1, 2, …): the sections it
 * wrote and a frozen copy of the figures and of Posko's numbers, which later changes never touch.
 */
export async function issueSitrep({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ id: string; number: number }> {
  const { incidentId, ...sections } = parseInput(IssueSitrep, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    // The incident's lock also orders report numbers: two coordinators never get the same one.
    const incident = await lockIncident(tx, incidentId);
    requireCoordinatorFor(ctx.actor, incident);
    assertIncidentOpen(incident, 'laporan situasi baru');
    const [{ last } = { last: 0 }] = await tx
      .select({ last: sql<number>`coalesce(max(${sitreps.number}), 0)::int` })
      .from(sitreps)
      .where(eq(sitreps.incidentId, incident.id));
    const number = last + 1;
    const snapshot = await takeSnapshot(tx, ctx.actor, incident, now);
    const aid = sections.aid.map((row) => ({
      ...row,
      shortfall: row.shortfall ?? Math.max(0, row.needed - row.received),
    }));
    const [row] = await tx
      .insert(sitreps)
      .values({
        incidentId: incident.id,
        number,
        issuedAt: now,
        issuedBy: ctx.actor.userId,
        issuerName: ctx.actor.name,
        sections: { ...sections, aid },
        snapshot: JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>,
        createdAt: now,
      })
      .returning({ id: sitreps.id });
    return {
      result: { id: row!.id, number },
      events: [situationEvent(incident, SITREP_EVENTS.issued, { sitrepId: row!.id, number })],
    };
  });
}
