import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { districts, regencies } from '../../../db/schema';
import { distanceKm } from '../../../lib/geo';
import { maskPhone } from '../../../lib/privacy';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { declineOffer } from '../../../server/deployments/decline-offer';
import { matchVolunteers, requestProgress, volunteerAssignments } from '../../../server/deployments/queries';
import { reportStatus } from '../../../server/deployments/report-status';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  addIncident,
  addVolunteers,
  expectDomainError,
  openRequest,
  uniqueSkill,
} from '../../support/dispatch';

let handle: DatabaseHandle;

// Rough label points of four Kalteng kabupaten/kota (the boundary build fills these in the app).
const POINTS: Record<string, [number, number]> = {
  '62.71': [-2.2, 113.9],
  '62.11': [-2.9, 114.1],
  '62.03': [-1.8, 114.4],
  '62.06': [-1.2, 113.1],
};

beforeAll(async () => {
  handle = await openTestDatabase('reference');
  for (const [code, [lat, lng]] of Object.entries(POINTS)) {
    await handle.db.update(regencies).set({ lat, lng }).where(eq(regencies.code, code));
  }
  // Everything else in Kalteng has no point yet.
  await handle.db
    .update(regencies)
    .set({ lat: null, lng: null })
    .where(sql`${regencies.provinceCode} = '62' and ${regencies.code} not in ('62.71', '62.11', '62.03', '62.06')`);
});
afterAll(async () => {
  await handle?.close();
});

describe('matchVolunteers', () => {
  it('counts fitting siaga volunteers per kabupaten/kota, those that have any first, nearest first', async () => {
    const skill = uniqueSkill();
    await addVolunteers(handle.db, { regencyCode: '62.06', count: 5, skills: [skill] });
    await addVolunteers(handle.db, { regencyCode: '62.11', count: 2, skills: [skill] });
    await addVolunteers(handle.db, { regencyCode: '62.11', count: 1, pillarCode: 'psm', skills: [skill] });
    await addVolunteers(handle.db, { regencyCode: '62.03', count: 3, skills: [skill], availability: 'deployed' });
    await addVolunteers(handle.db, { regencyCode: '62.01', count: 1, skills: [skill] });
    // Near Palangka Raya, but nobody there fits.
    const incident = await addIncident(handle, '62.71', { lat: -2.25, lng: 113.95 });

    const { origin, regencies: matches } = await matchVolunteers({
      ctx: actorContext(handle, actors.coordinator('62')),
      input: { incidentId: incident.id, pillarCodes: ['tagana', 'psm'], skill },
    });

    expect(origin).toEqual({ lat: -2.25, lng: 113.95 });
    expect(matches).toHaveLength(14);
    expect(matches.slice(0, 3).map((regency) => [regency.code, regency.available, regency.byPillar])).toEqual([
      ['62.11', 3, { tagana: 2, psm: 1 }],
      ['62.06', 5, { tagana: 5 }],
      ['62.01', 1, { tagana: 1 }],
    ]);
    expect(matches[0]!.distanceKm).toBeGreaterThan(50);
    expect(matches[0]!.distanceKm).toBeLessThan(matches[1]!.distanceKm!);
    expect(matches[2]!.distanceKm).toBeNull();
    // Then the rest, nearest first: Palangka Raya itself, then Kapuas (whose people are all deployed).
    expect(matches.slice(3, 5).map((regency) => [regency.code, regency.available])).toEqual([
      ['62.71', 0],
      ['62.03', 0],
    ]);
    expect(matches.find((regency) => regency.code === '62.71')!.distanceKm).toBeLessThan(10);
  });

  it("ranks the incident's own kabupaten first, even when a neighbour's point lies nearer the site", async () => {
    const skill = uniqueSkill();
    await addVolunteers(handle.db, { regencyCode: '62.06', count: 2, skills: [skill] });
    await addVolunteers(handle.db, { regencyCode: '62.71', count: 4, skills: [skill] });
    await addVolunteers(handle.db, { regencyCode: '62.03', count: 1, skills: [skill] });
    // A flood in the south of Katingan, towards Palangka Raya.
    const incident = await addIncident(handle, '62.06', { lat: -2.1, lng: 113.7 });

    const { regencies: matches } = await matchVolunteers({
      ctx: actorContext(handle, actors.coordinator('62')),
      input: { incidentId: incident.id, pillarCodes: ['tagana'], skill },
    });

    const katingan = matches.find((regency) => regency.code === '62.06')!;
    const palangkaRaya = matches.find((regency) => regency.code === '62.71')!;
    expect(palangkaRaya.distanceKm!).toBeLessThan(katingan.distanceKm!);
    expect(matches.slice(0, 3).map((regency) => [regency.code, regency.available])).toEqual([
      ['62.06', 2],
      ['62.71', 4],
      ['62.03', 1],
    ]);
  });

  it('for a flood inside Katingan ranks Katingan first, measuring from home kecamatan centroids', async () => {
    const skill = uniqueSkill();
    // Katingan Hilir (Kasongan) and Katingan Hulu, at their GADM level-3 centroids.
    await handle.db.update(districts).set({ lat: -1.8915, lng: 113.38418 }).where(eq(districts.code, '62.06.02'));
    await handle.db.update(districts).set({ lat: -1.05982, lng: 112.3497 }).where(eq(districts.code, '62.06.08'));
    await addVolunteers(handle.db, { regencyCode: '62.06', count: 2, skills: [skill], districtCode: '62.06.08' });
    await addVolunteers(handle.db, { regencyCode: '62.06', count: 3, skills: [skill], districtCode: '62.06.02' });
    await addVolunteers(handle.db, { regencyCode: '62.71', count: 4, skills: [skill] });
    // Near Kasongan: Katingan's label point (-1.2, 113.1) lies ±80 km away, Palangka Raya's ±60 km.
    const site = { lat: -1.9, lng: 113.4 };
    const incident = await addIncident(handle, '62.06', site);

    const { regencies: matches } = await matchVolunteers({
      ctx: actorContext(handle, actors.coordinator('62')),
      input: { incidentId: incident.id, pillarCodes: ['tagana'], skill },
    });

    expect(matches.slice(0, 2).map((regency) => [regency.code, regency.available])).toEqual([
      ['62.06', 5],
      ['62.71', 4],
    ]);
    const katingan = matches[0]!;
    const fromKasongan = distanceKm(site, { lat: -1.8915, lng: 113.38418 });
    expect(katingan.distanceKm).toBe(Math.round(fromKasongan * 10) / 10);
    expect(katingan.distanceKm!).toBeLessThan(5);
    // Palangka Raya's people have no kecamatan: from the kabupaten's point.
    expect(matches[1]!.distanceKm).toBe(Math.round(distanceKm(site, { lat: -2.2, lng: 113.9 }) * 10) / 10);
  });

  it('measures from the kabupaten when the incident has no point, and is for coordinators in scope', async () => {
    const incident = await addIncident(handle, '62.06');
    const ctx = actorContext(handle, actors.coordinator('62', '62.06'));
    const { origin } = await matchVolunteers({ ctx, input: { incidentId: incident.id, pillarCodes: ['tagana'] } });
    expect(origin).toEqual({ lat: -1.2, lng: 113.1 });
    for (const outsider of [actors.leader('62'), actors.coordinator('32'), actors.coordinator('62', '62.71')]) {
      await expectDomainError(
        matchVolunteers({
          ctx: actorContext(handle, outsider),
          input: { incidentId: incident.id, pillarCodes: ['tagana'] },
        }),
        'FORBIDDEN',
      );
    }
    const invalid = await expectDomainError(
      matchVolunteers({ ctx, input: { incidentId: incident.id, pillarCodes: ['pemadam'] } }),
      'INVALID',
    );
    expect(invalid.details?.pillarCodes?.[0]).toMatch(/pemadam/);
  });
});

describe('requestProgress', () => {
  it('shows places taken of places asked, who took them first, and how long offers have waited', async () => {
    let clock = Date.now();
    const { request, crew } = await openRequest(handle, { slots: 3, offered: 4 });
    const [a, b, c, d] = crew;
    const phone = (member: (typeof crew)[number]) => actorContext(handle, actors.volunteer(member.volunteer));
    await acceptOffer({ ctx: phone(b!), input: { assignmentId: b!.offer.id } });
    await acceptOffer({ ctx: phone(a!), input: { assignmentId: a!.offer.id } });
    await reportStatus({ ctx: phone(b!), input: { assignmentId: b!.offer.id, from: 'accepted', status: 'en_route' } });
    await declineOffer({ ctx: phone(c!), input: { assignmentId: c!.offer.id } });

    clock += 25 * 60_000;
    const leader = actorContext(handle, actors.leader('62'), () => new Date(clock));
    const progress = await requestProgress({ ctx: leader, input: { requestId: request.id } });
    expect(progress.request).toMatchObject({ id: request.id, slots: 3, acceptedCount: 2, status: 'open' });
    expect(progress.counts).toMatchObject({ accepted: 1, en_route: 1, declined: 1, offered: 1, completed: 0 });
    expect(progress.volunteers.map((entry) => [entry.volunteerId, entry.status])).toEqual([
      [b!.volunteer.id, 'en_route'],
      [a!.volunteer.id, 'accepted'],
      [d!.volunteer.id, 'offered'],
      [c!.volunteer.id, 'declined'],
    ]);
    expect(progress.volunteers[0]).toMatchObject({
      name: b!.volunteer.name,
      // A leader reads the number masked (UU PDP); the coordinator in scope reads it whole.
      phone: maskPhone(b!.volunteer.phone),
      availability: 'deployed',
      departedAt: expect.any(Date),
    });
    const staff = await requestProgress({
      ctx: actorContext(handle, actors.coordinator('62')),
      input: { requestId: request.id },
    });
    expect(staff.volunteers[0]!.phone).toBe(b!.volunteer.phone);
    expect(progress.volunteers.every((entry) => entry.minutesSinceOffer >= 24 && entry.minutesSinceOffer <= 26)).toBe(
      true,
    );

    await expectDomainError(
      requestProgress({ ctx: actorContext(handle, actors.coordinator('19')), input: { requestId: request.id } }),
      'FORBIDDEN',
    );
    await expectDomainError(requestProgress({ ctx: phone(a!), input: { requestId: request.id } }), 'FORBIDDEN');
  });
});

describe('volunteerAssignments', () => {
  it('gives a phone its offers and assignment with what it needs to show and the buttons it may offer', async () => {
    const { request, incident, crew } = await openRequest(handle, { slots: 1, offered: 1 });
    const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
    const ctx = actorContext(handle, actors.volunteer(volunteer));
    const [waiting] = await volunteerAssignments({ ctx, input: {} });
    expect(waiting).toMatchObject({
      assignment: { id: offer.id, status: 'offered' },
      request: {
        id: request.id,
        status: 'open',
        slots: 1,
        acceptedCount: 0,
        meetingPoint: 'Halaman kantor Dinas Sosial',
        deadline: request.deadline.toISOString(),
      },
      incident: { id: incident.id, title: incident.title, regencyCode: '62.71' },
      nextStatuses: ['accepted', 'declined'],
    });
    await acceptOffer({ ctx, input: { assignmentId: offer.id } });
    const [accepted] = await volunteerAssignments({ ctx, input: {} });
    expect(accepted?.nextStatuses).toEqual(['en_route', 'withdrawn']);

    const coordinator = actorContext(handle, actors.coordinator('62', '62.71'));
    expect(await volunteerAssignments({ ctx: coordinator, input: { volunteerId: volunteer.id } })).toHaveLength(1);
    await expectDomainError(volunteerAssignments({ ctx: coordinator, input: {} }), 'INVALID');
    const [stranger] = await addVolunteers(handle.db, { regencyCode: '62.71', count: 1 });
    await expectDomainError(
      volunteerAssignments({
        ctx: actorContext(handle, actors.volunteer(stranger!)),
        input: { volunteerId: volunteer.id },
      }),
      'FORBIDDEN',
    );
  });
});
