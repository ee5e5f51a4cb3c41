import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, deploymentRequests, events, trainings, volunteerTrainings } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../../lib/dispatch';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { changeIncidentPhase } from '../../../server/incidents/change-incident-phase';
import { openTestDatabase } from '../../support/database';
import { asStored } from '../../support/domain';
import {
  actorContext,
  actors,
  addIncident,
  addVolunteers,
  eventCount,
  expectDomainError,
  inHours,
  uniqueSkill,
} from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

const kalteng = () => actorContext(handle, actors.coordinator('62'));

function draft(incidentId: string, extra: Record<string, unknown> = {}) {
  return {
    incidentId,
    slots: 3,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03', '62.71'],
    meetingPoint: 'Posko Tanggap Darurat, Kantor Kecamatan Katingan Hilir',
    meetingLat: -1.885,
    meetingLng: 113.405,
    deadline: inHours(4).toISOString(),
    ...extra,
  };
}

async function offeredVolunteerIds(requestId: string): Promise<string[]> {
  const rows = await handle.db
    .select({ volunteerId: assignments.volunteerId, status: assignments.status })
    .from(assignments)
    .where(eq(assignments.requestId, requestId));
  expect(rows.every((row) => row.status === 'offered')).toBe(true);
  return rows.map((row) => row.volunteerId).sort();
}

describe('requestDeployment', () => {
  it('offers the request to every siaga volunteer who fits, and only to them', async () => {
    const skill = uniqueSkill();
    const kapuas = await addVolunteers(handle.db, { regencyCode: '62.03', count: 4, skills: [skill, 'logistik'] });
    const palangka = await addVolunteers(handle.db, { regencyCode: '62.71', count: 3, skills: [skill.toUpperCase()] });
    // Not offered: another pillar, another kabupaten, busy or off duty, or without the skill.
    await addVolunteers(handle.db, { regencyCode: '62.03', count: 2, pillarCode: 'psm', skills: [skill] });
    await addVolunteers(handle.db, { regencyCode: '62.11', count: 2, skills: [skill] });
    await addVolunteers(handle.db, { regencyCode: '62.03', count: 1, skills: [skill], availability: 'deployed' });
    await addVolunteers(handle.db, { regencyCode: '62.71', count: 1, skills: [skill], availability: 'unavailable' });
    await addVolunteers(handle.db, { regencyCode: '62.71', count: 2, skills: ['logistik'] });

    const incident = await addIncident(handle, '62.06');
    const ctx = kalteng();
    const { request, offered } = await requestDeployment({ ctx, input: draft(incident.id, { skill }) });

    expect(offered).toBe(7);
    expect(request).toMatchObject({
      incidentId: incident.id,
      slots: 3,
      acceptedCount: 0,
      status: 'open',
      skill,
      pillarCodes: ['tagana'],
      sourceRegencyCodes: ['62.03', '62.71'],
    });
    expect(await offeredVolunteerIds(request.id)).toEqual([...kapuas, ...palangka].map((v) => v.id).sort());

    // One request.created for the incident, then one event for the wave's seven offers (the assignment
    // rows say who), naming the kabupaten/kota they went to.
    const [created, ...offers] = ctx.published;
    expect(created).toMatchObject({
      type: REQUEST_EVENTS.created,
      provinceCode: '62',
      regencyCode: '62.06',
      incidentId: incident.id,
      volunteerId: null,
      payload: { requestId: request.id, slots: 3, offered: 7, skill, deadline: request.deadline.toISOString() },
    });
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({
      type: ASSIGNMENT_EVENTS.offered,
      provinceCode: '62',
      regencyCode: null,
      volunteerId: null,
      incidentId: incident.id,
      payload: { requestId: request.id, wave: 1, offered: 7, regencyCodes: ['62.03', '62.71'] },
    });
    const waveOffers = await handle.db
      .select({ volunteerId: assignments.volunteerId, wave: assignments.offerWave })
      .from(assignments)
      .where(eq(assignments.requestId, request.id));
    expect(waveOffers.every((offer) => offer.wave === 1)).toBe(true);
    const stored = await handle.db.select().from(events).where(eq(events.incidentId, incident.id));
    expect(stored.filter((event) => event.type !== 'incident.reported')).toEqual(asStored(ctx.published));
  });

  it('asks for a completed training when the request names one', async () => {
    const skill = uniqueSkill();
    const [trained, untrained] = await addVolunteers(handle.db, { regencyCode: '62.71', count: 2, skills: [skill] });
    const [training] = await handle.db
      .insert(trainings)
      .values({
        kind: 'bimtek',
        name: 'Bimtek evakuasi air',
        organiser: 'Dinsos Kalteng',
        provinceCode: '62',
        startsOn: '2026-03-01',
        endsOn: '2026-03-03',
      })
      .returning();
    await handle.db
      .insert(volunteerTrainings)
      .values({ volunteerId: trained!.id, trainingId: training!.id, completedOn: '2026-03-03' });
    const incident = await addIncident(handle, '62.71');

    const { request, offered } = await requestDeployment({
      ctx: kalteng(),
      input: draft(incident.id, { skill, trainingId: training!.id, sourceRegencyCodes: ['62.71'] }),
    });
    expect(offered).toBe(1);
    expect(await offeredVolunteerIds(request.id)).toEqual([trained!.id]);
    expect(await offeredVolunteerIds(request.id)).not.toContain(untrained!.id);
  });

  it('answers bad input with INVALID naming each field, and writes nothing', async () => {
    const incident = await addIncident(handle, '62.71');
    const ctx = kalteng();
    const before = await eventCount(handle.db);
    const error = await expectDomainError(
      requestDeployment({
        ctx,
        input: {
          incidentId: incident.id,
          slots: 0,
          pillarCodes: [],
          sourceRegencyCodes: ['Kapuas'],
          meetingPoint: '',
          meetingLat: -1.8,
          deadline: 'besok pagi',
        },
      }),
      'INVALID',
    );
    expect(error.message).toBe('Data yang dikirim tidak valid.');
    expect(error.details).toMatchObject({
      slots: ['Minta paling sedikit 1 relawan.'],
      pillarCodes: ['Pilih paling sedikit satu pilar.'],
      'sourceRegencyCodes.0': ['Kode kabupaten/kota harus seperti "62.03".'],
      meetingPoint: ['Tulis titik kumpul, paling sedikit 3 huruf.'],
    });
    expect(error.details?.deadline?.[0]).toMatch(/ISO 8601/);

    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ deadline: inHours(-1).toISOString() }, 'deadline', /masa depan/],
      [{ deadline: inHours(24 * 40).toISOString() }, 'deadline', /30 hari/],
      [{ pillarCodes: ['tagana', 'pemadam'] }, 'pillarCodes', /pemadam/],
      [{ sourceRegencyCodes: ['62.71', '63.01'] }, 'sourceRegencyCodes', /63\.01/],
      [{ trainingId: crypto.randomUUID() }, 'trainingId', /tidak ada/],
      [{ meetingLat: -1.8, meetingLng: undefined }, 'meetingLat', /bersama-sama/],
    ];
    for (const [change, field, message] of cases) {
      const refused = await expectDomainError(requestDeployment({ ctx, input: draft(incident.id, change) }), 'INVALID');
      expect(refused.details?.[field]?.[0], field).toMatch(message);
    }
    expect(await handle.db.$count(deploymentRequests, eq(deploymentRequests.incidentId, incident.id))).toBe(0);
    expect(await eventCount(handle.db)).toBe(before);
    expect(ctx.published).toEqual([]);
  });

  it('refuses a request nobody can answer, and one for a closed incident, writing nothing', async () => {
    const incident = await addIncident(handle, '62.71');
    const ctx = kalteng();
    const nobody = await expectDomainError(
      requestDeployment({ ctx, input: draft(incident.id, { skill: uniqueSkill() }) }),
      'CONFLICT',
    );
    expect(nobody.message).toMatch(/^Tidak ada relawan siaga yang cocok/);

    const skill = uniqueSkill();
    await addVolunteers(handle.db, { regencyCode: '62.71', count: 1, skills: [skill] });
    await changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'closed' } });
    const closed = await expectDomainError(
      requestDeployment({ ctx, input: draft(incident.id, { skill, sourceRegencyCodes: ['62.71'] }) }),
      'CONFLICT',
    );
    expect(closed.message).toMatch(/sudah ditutup/);
    expect(await handle.db.$count(deploymentRequests, eq(deploymentRequests.incidentId, incident.id))).toBe(0);
    expect(ctx.published.map((event) => event.type)).toEqual(['incident.phase_changed']);
  });

  it('lets a province coordinator ask any kabupaten of the province, and a kabupaten coordinator only its own', async () => {
    const skill = uniqueSkill();
    await addVolunteers(handle.db, { regencyCode: '62.71', count: 2, skills: [skill] });
    await addVolunteers(handle.db, { regencyCode: '62.03', count: 2, skills: [skill] });
    const incident = await addIncident(handle, '62.71');
    const input = draft(incident.id, { skill, sourceRegencyCodes: ['62.71', '62.03'] });

    const palangka = actorContext(handle, actors.coordinator('62', '62.71'));
    const others = await expectDomainError(requestDeployment({ ctx: palangka, input }), 'FORBIDDEN');
    expect(others.message).toBe(
      'Koordinator kabupaten/kota hanya dapat meminta relawan dari wilayahnya sendiri; minta bantuan kabupaten/kota lain melalui koordinator provinsi.',
    );
    const own = await requestDeployment({ ctx: palangka, input: { ...input, sourceRegencyCodes: ['62.71'] } });
    expect(own.offered).toBe(2);

    for (const outsider of [actors.leader('62'), actors.coordinator('32'), actors.coordinator('62', '62.03')]) {
      const refused = await expectDomainError(
        requestDeployment({ ctx: actorContext(handle, outsider), input }),
        'FORBIDDEN',
      );
      expect(refused.message).toMatch(/koordinator|wilayah tugas/);
    }
    await expectDomainError(
      requestDeployment({ ctx: actorContext(handle, actors.volunteer(await firstVolunteer(skill))), input }),
      'FORBIDDEN',
    );

    // Volunteers with a waiting offer may be offered more; the province asks both kabupaten.
    const province = await requestDeployment({ ctx: kalteng(), input });
    expect(province.offered).toBe(4);
    const admin = await requestDeployment({ ctx: actorContext(handle, actors.admin()), input });
    expect(admin.offered).toBe(4);
  });
});

async function firstVolunteer(skill: string) {
  const [volunteer] = await addVolunteers(handle.db, { regencyCode: '62.71', count: 1, skills: [`${skill}-lain`] });
  return volunteer!;
}
