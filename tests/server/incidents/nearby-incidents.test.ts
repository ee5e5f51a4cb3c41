import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { changeIncidentPhase } from '../../../server/incidents/change-incident-phase';
import { createIncident } from '../../../server/incidents/create-incident';
import { nearbyIncidents } from '../../../server/incidents/nearby-incidents';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, expectDomainError } from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const coordinator = () => actorContext(handle, actors.coordinator('62'));
const register = (input: object) => createIncident({ ctx: coordinator(), input: { severity: 3, ...input } });

describe('nearbyIncidents: is the incident being registered already running?', () => {
  it('offers running incidents of the same type in the same kabupaten near the point, nearest first, with the distance', async () => {
    const near = await register({
      type: 'flood',
      title: 'Banjir Kuala Kapuas',
      regencyCode: '62.03',
      lat: -3.0,
      lng: 114.39,
    });
    const nearer = await register({
      type: 'flood',
      title: 'Banjir Selat',
      regencyCode: '62.03',
      lat: -3.05,
      lng: 114.4,
    });
    // Too far, another type, another kabupaten, and one already closed: none of them is offered.
    await register({ type: 'flood', title: 'Banjir hulu Kapuas', regencyCode: '62.03', lat: -1.0, lng: 113.9 });
    await register({ type: 'forest_fire', title: 'Karhutla Selat', regencyCode: '62.03', lat: -3.05, lng: 114.4 });
    await register({ type: 'flood', title: 'Banjir Pulang Pisau', regencyCode: '62.11', lat: -3.05, lng: 114.3 });
    const closed = await register({
      type: 'flood',
      title: 'Banjir lama',
      regencyCode: '62.03',
      lat: -3.05,
      lng: 114.4,
    });
    await changeIncidentPhase({ ctx: coordinator(), input: { incidentId: closed.id, phase: 'closed' } });

    const { candidates } = await nearbyIncidents({
      ctx: actorContext(handle, actors.coordinator('62', '62.03')),
      input: { type: 'flood', regencyCode: '62.03', lat: -3.06, lng: 114.41 },
    });
    expect(candidates.map((candidate) => candidate.id)).toEqual([nearer.id, near.id]);
    expect(candidates[0]).toMatchObject({ title: 'Banjir Selat', phase: 'reported' });
    expect(candidates[0]!.distanceKm).toBeCloseTo(1.6, 0);
    expect(candidates[1]!.distanceKm).toBeGreaterThan(5);
    expect(candidates[1]!.distanceKm).toBeLessThan(10);
  });

  it('without a point, offers every running incident of the type in the kabupaten, without a distance', async () => {
    const { candidates } = await nearbyIncidents({
      ctx: actorContext(handle, actors.leader('62')),
      input: { type: 'flood', regencyCode: '62.03' },
    });
    expect(candidates.map((candidate) => candidate.title).sort()).toEqual([
      'Banjir Kuala Kapuas',
      'Banjir Selat',
      'Banjir hulu Kapuas',
    ]);
    expect(candidates.every((candidate) => candidate.distanceKm === null)).toBe(true);
  });

  it('answers nothing outside the actor’s province, and refuses bad input with a reason', async () => {
    await expectDomainError(
      nearbyIncidents({
        ctx: actorContext(handle, actors.coordinator('32')),
        input: { type: 'flood', regencyCode: '62.03' },
      }),
      'FORBIDDEN',
    );
    const invalid = await expectDomainError(
      nearbyIncidents({ ctx: coordinator(), input: { type: 'flood', regencyCode: '62.03', lat: -3.0 } }),
      'INVALID',
    );
    expect(invalid.details?.lat?.join(' ')).toMatch(/lintang dan bujur/i);
    await expectDomainError(
      nearbyIncidents({ ctx: coordinator(), input: { type: 'tsunami', regencyCode: '62.03' } }),
      'INVALID',
    );
  });
});
