import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, deploymentRequests, incidents, volunteers } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, INCIDENT_EVENTS, REQUEST_EVENTS } from '../../../lib/dispatch';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { expireOffers } from '../../../server/deployments/expire-offers';
import { changeIncidentPhase } from '../../../server/incidents/change-incident-phase';
import { getIncident, incidentTimeline, listIncidents } from '../../../server/incidents/queries';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, expectDomainError } from '../../support/dispatch';
import { testContext } from '../../support/domain';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('demo');
});
afterAll(async () => {
  await handle?.close();
});

async function demoIncident(type: 'forest_fire' | 'flood') {
  const [incident] = await handle.db
    .select()
    .from(incidents)
    .where(and(eq(incidents.provinceCode, '62'), eq(incidents.type, type)));
  return incident!;
}

describe('the demo, as the dispatch verbs see it', () => {
  it('needs no sweeping at start-up: no offer waits past its deadline', async () => {
    const ctx = testContext(handle);
    expect(await expireOffers({ ctx, now: new Date() })).toEqual({ expiredRequests: 0, expiredOffers: 0 });
    expect(ctx.published).toEqual([]);
  });

  it('lists Kalteng’s open incidents, most severe first, with the places asked and taken', async () => {
    const list = await listIncidents({
      ctx: actorContext(handle, actors.leader('62')),
      input: { provinceCode: '62' },
    });
    expect(list.map((incident) => [incident.type, incident.regencyName, incident.requests])).toEqual([
      ['forest_fire', 'Kabupaten Pulang Pisau', { running: 1, slots: 12, accepted: 5 }],
      ['flood', 'Kabupaten Katingan', { running: 1, slots: 10, accepted: 10 }],
    ]);
  });

  it('lets a volunteer accept a seeded offer, and the incident page follows', async () => {
    const fire = await demoIncident('forest_fire');
    const [offer] = await handle.db
      .select({ assignment: assignments, volunteer: volunteers })
      .from(assignments)
      .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
      .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
      .where(and(eq(deploymentRequests.incidentId, fire.id), eq(assignments.status, 'offered')))
      .orderBy(assignments.id)
      .limit(1);
    const answer = await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(offer!.volunteer)),
      input: { assignmentId: offer!.assignment.id },
    });
    expect(answer.request).toMatchObject({ slots: 12, acceptedCount: 6, status: 'open' });

    const detail = await getIncident({
      ctx: actorContext(handle, actors.coordinator('62', '62.11')),
      input: { incidentId: fire.id },
    });
    expect(detail).toMatchObject({ regencyName: 'Kabupaten Pulang Pisau', districtName: 'Jabiren Raya' });
    expect(detail.requests).toHaveLength(1);
    expect(detail.requests[0]).toMatchObject({ slots: 12, acceptedCount: 6 });
    expect(detail.requests[0]!.counts).toMatchObject({ en_route: 3, accepted: 3, declined: 3, offered: 11 });
  });

  it('keeps the seeded flood request filled, with the volunteer who stepped back counted apart', async () => {
    const flood = await demoIncident('flood');
    const detail = await getIncident({ ctx: actorContext(handle, actors.admin()), input: { incidentId: flood.id } });
    expect(detail.requests[0]).toMatchObject({ status: 'filled', acceptedCount: 10, slots: 10 });
    expect(detail.requests[0]!.counts).toMatchObject({ withdrawn: 1, offered: 0 });
  });

  it('tells an incident’s story from the event log, oldest first, without the availability noise', async () => {
    const flood = await demoIncident('flood');
    const { entries, lastId } = await incidentTimeline({
      ctx: actorContext(handle, actors.leader('62')),
      input: { incidentId: flood.id },
    });
    expect(entries.slice(0, 2).map((entry) => entry.type)).toEqual([
      INCIDENT_EVENTS.reported,
      INCIDENT_EVENTS.phaseChanged,
    ]);
    expect(entries.map((entry) => entry.type)).toContain(REQUEST_EVENTS.created);
    expect(entries.map((entry) => entry.type)).not.toContain('volunteer.availability_changed');
    expect(entries.map((entry) => entry.id)).toEqual([...entries.map((entry) => entry.id)].sort((a, b) => a - b));
    const withdrawn = entries.find((entry) => entry.type === ASSIGNMENT_EVENTS.withdrawn);
    expect(withdrawn?.volunteerName).toEqual(expect.any(String));
    expect(withdrawn?.payload).toMatchObject({ acceptedCount: 0, slots: 10 });
    expect(lastId).toBe(entries.at(-1)!.id);

    // A page that already has part of the story asks for the rest.
    const rest = await incidentTimeline({
      ctx: actorContext(handle, actors.leader('62')),
      input: { incidentId: flood.id, afterId: entries[4]!.id, limit: 3 },
    });
    expect(rest.entries.map((entry) => entry.id)).toEqual(entries.slice(5, 8).map((entry) => entry.id));
  });

  it('shows incidents to coordinators and leaders of the province only', async () => {
    const fire = await demoIncident('forest_fire');
    for (const outsider of [actors.leader('32'), actors.coordinator('19')]) {
      const ctx = actorContext(handle, outsider);
      await expectDomainError(listIncidents({ ctx, input: { provinceCode: '62' } }), 'FORBIDDEN');
      await expectDomainError(getIncident({ ctx, input: { incidentId: fire.id } }), 'FORBIDDEN');
      await expectDomainError(incidentTimeline({ ctx, input: { incidentId: fire.id } }), 'FORBIDDEN');
    }
    const [someone] = await handle.db.select().from(volunteers).where(eq(volunteers.regencyCode, '62.11')).limit(1);
    const volunteer = await expectDomainError(
      listIncidents({ ctx: actorContext(handle, actors.volunteer(someone!)), input: { provinceCode: '62' } }),
      'FORBIDDEN',
    );
    expect(volunteer.message).toMatch(/koordinator dan pimpinan/);
    await expectDomainError(
      listIncidents({ ctx: actorContext(handle, actors.admin()), input: { provinceCode: 'Kalteng' } }),
      'INVALID',
    );
    await expectDomainError(
      getIncident({ ctx: actorContext(handle, actors.admin()), input: { incidentId: crypto.randomUUID() } }),
      'NOT_FOUND',
    );
  });

  it('lists closed incidents only when asked', async () => {
    const ctx = actorContext(handle, actors.coordinator('32'));
    const [landslide] = await listIncidents({ ctx, input: { provinceCode: '32' } });
    await changeIncidentPhase({ ctx, input: { incidentId: landslide!.id, phase: 'closed' } });
    expect(await listIncidents({ ctx, input: { provinceCode: '32' } })).toEqual([]);
    const all = await listIncidents({ ctx, input: { provinceCode: '32', includeClosed: true } });
    expect(all.map((incident) => [incident.id, incident.phase])).toEqual([[landslide!.id, 'closed']]);
  });
});
