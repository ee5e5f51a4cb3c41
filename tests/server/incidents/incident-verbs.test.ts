import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { deploymentRequests, events, incidents } from '../../../db/schema';
import { INCIDENT_EVENTS, REQUEST_EVENTS } from '../../../lib/dispatch';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { cancelRequest } from '../../../server/deployments/cancel-request';
import { reportStatus } from '../../../server/deployments/report-status';
import { changeIncidentPhase } from '../../../server/incidents/change-incident-phase';
import { createIncident } from '../../../server/incidents/create-incident';
import { updateIncident } from '../../../server/incidents/update-incident';
import { openTestDatabase } from '../../support/database';
import { asStored } from '../../support/domain';
import { actorContext, actors, addIncident, eventCount, expectDomainError, openRequest } from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

const kalteng = () => actorContext(handle, actors.coordinator('62'));

describe('createIncident', () => {
  it('registers an incident in the kabupaten, titles it, and logs incident.reported for the province', async () => {
    const ctx = kalteng();
    const incident = await createIncident({
      ctx,
      input: {
        type: 'forest_fire',
        severity: 4,
        regencyCode: '62.11',
        districtCode: '62.11.07',
        lat: -2.33,
        lng: 114.04,
        description: 'Api di lahan gambut',
        needs: 'Pompa air portabel',
      },
    });

    expect(incident).toMatchObject({
      type: 'forest_fire',
      severity: 4,
      phase: 'reported',
      provinceCode: '62',
      regencyCode: '62.11',
      districtCode: '62.11.07',
      lat: -2.33,
      lng: 114.04,
      closedAt: null,
    });
    expect(incident.title).toBe('Kebakaran hutan dan lahan di Kec. Jabiren Raya, Kabupaten Pulang Pisau');
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: INCIDENT_EVENTS.reported,
      provinceCode: '62',
      regencyCode: '62.11',
      incidentId: incident.id,
      volunteerId: null,
      payload: { type: 'forest_fire', severity: 4, districtCode: '62.11.07', by: ctx.actor.userId },
    });
    const [stored] = await handle.db.select().from(events).where(eq(events.id, ctx.published[0]!.id));
    expect(stored).toEqual(asStored(ctx.published)[0]);
  });

  it('keeps a title the coordinator wrote and a time of occurrence in the past', async () => {
    const occurredAt = new Date(Date.now() - 3 * 3_600_000);
    const incident = await createIncident({
      ctx: kalteng(),
      input: {
        type: 'flood',
        title: 'Banjir luapan Sungai Kahayan',
        severity: 2,
        regencyCode: '62.71',
        occurredAt: occurredAt.toISOString(),
      },
    });
    expect(incident.title).toBe('Banjir luapan Sungai Kahayan');
    expect(incident.occurredAt.getTime()).toBe(occurredAt.getTime());
  });

  it('answers bad input with INVALID naming every field, and writes nothing', async () => {
    const before = await eventCount(handle.db);
    const ctx = kalteng();
    const error = await expectDomainError(
      createIncident({
        ctx,
        input: { type: 'tsunami-ish', severity: 7, regencyCode: '6271', lat: 40, lng: 114, needs: 5 },
      }),
      'INVALID',
    );
    expect(Object.keys(error.details ?? {})).toEqual(
      expect.arrayContaining(['type', 'severity', 'regencyCode', 'lat', 'needs']),
    );
    expect(error.details?.lat?.[0]).toMatch(/luar wilayah Indonesia/);

    const half = await expectDomainError(
      createIncident({ ctx, input: { type: 'flood', severity: 3, regencyCode: '62.71', lat: -2.2 } }),
      'INVALID',
    );
    expect(half.details?.lat?.[0]).toMatch(/lintang dan bujur bersama-sama/);
    expect(await eventCount(handle.db)).toBe(before);
    expect(ctx.published).toEqual([]);
  });

  it('refuses a kecamatan of another kabupaten, an unknown kabupaten and a time in the future', async () => {
    const ctx = kalteng();
    const wrongDistrict = await expectDomainError(
      createIncident({ ctx, input: { type: 'flood', severity: 3, regencyCode: '62.71', districtCode: '62.11.07' } }),
      'INVALID',
    );
    expect(wrongDistrict.details?.districtCode?.[0]).toBe('Kecamatan Jabiren Raya tidak berada di Kota Palangka Raya.');
    const unknown = await expectDomainError(
      createIncident({ ctx, input: { type: 'flood', severity: 3, regencyCode: '62.99' } }),
      'INVALID',
    );
    expect(unknown.details?.regencyCode).toBeDefined();
    const future = await expectDomainError(
      createIncident({
        ctx,
        input: { type: 'flood', severity: 3, regencyCode: '62.71', occurredAt: new Date(Date.now() + 86_400_000) },
      }),
      'INVALID',
    );
    expect(future.details?.occurredAt).toBeDefined();
    expect(ctx.published).toEqual([]);
  });

  it('lets only coordinators in scope (and admins) register incidents', async () => {
    const input = { type: 'landslide', severity: 3, regencyCode: '62.11' };
    const before = await handle.db.$count(incidents);
    for (const actor of [actors.leader('62'), actors.coordinator('32'), actors.coordinator('62', '62.71')]) {
      const error = await expectDomainError(createIncident({ ctx: actorContext(handle, actor), input }), 'FORBIDDEN');
      expect(error.message).toMatch(/koordinator|wilayah tugas/);
    }
    expect(await handle.db.$count(incidents)).toBe(before);

    const regencyOwn = await createIncident({
      ctx: actorContext(handle, actors.coordinator('62', '62.11')),
      input,
    });
    expect(regencyOwn.regencyCode).toBe('62.11');
    const byAdmin = await createIncident({
      ctx: actorContext(handle, actors.admin()),
      input: { ...input, regencyCode: '32.08' },
    });
    expect(byAdmin.provinceCode).toBe('32');
  });
});

describe('updateIncident', () => {
  it('changes only what was sent, logs the changed fields, and keeps long texts out of the event', async () => {
    const incident = await addIncident(handle, '62.11');
    const ctx = kalteng();
    const updated = await updateIncident({
      ctx,
      input: { incidentId: incident.id, severity: 5, needs: 'Masker N95 untuk 2.000 warga', lat: -2.3, lng: 114.1 },
    });
    expect(updated).toMatchObject({ severity: 5, needs: 'Masker N95 untuk 2.000 warga', lat: -2.3, lng: 114.1 });
    expect(updated.type).toBe(incident.type);
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: INCIDENT_EVENTS.updated,
      provinceCode: '62',
      regencyCode: '62.11',
      incidentId: incident.id,
      payload: { changed: ['severity', 'lat', 'lng', 'needs'], severity: 5, lat: -2.3, lng: 114.1 },
    });
    expect(ctx.published[0]!.payload).not.toHaveProperty('needs');
  });

  it('writes nothing when nothing changes, and clears the point and kecamatan with null', async () => {
    const incident = await addIncident(handle, '62.11', { districtCode: '62.11.07', lat: -2.3, lng: 114 });
    const ctx = kalteng();
    const same = await updateIncident({ ctx, input: { incidentId: incident.id, severity: incident.severity } });
    expect(same.updatedAt).toEqual(incident.updatedAt);
    expect(ctx.published).toEqual([]);

    const cleared = await updateIncident({
      ctx,
      input: { incidentId: incident.id, districtCode: null, lat: null, lng: null },
    });
    expect(cleared).toMatchObject({ districtCode: null, lat: null, lng: null });
    expect(ctx.published[0]?.payload).toMatchObject({ changed: ['districtCode', 'lat', 'lng'] });
  });

  it('refuses outsiders, a kecamatan of another kabupaten, bad input and a closed incident', async () => {
    const incident = await addIncident(handle, '62.11');
    await expectDomainError(
      updateIncident({
        ctx: actorContext(handle, actors.coordinator('62', '62.71')),
        input: { incidentId: incident.id, severity: 1 },
      }),
      'FORBIDDEN',
    );
    await expectDomainError(
      updateIncident({ ctx: kalteng(), input: { incidentId: incident.id, districtCode: '62.71.01' } }),
      'INVALID',
    );
    const invalid = await expectDomainError(
      updateIncident({ ctx: kalteng(), input: { incidentId: 'nope', severity: 0 } }),
      'INVALID',
    );
    expect(Object.keys(invalid.details ?? {}).sort()).toEqual(['incidentId', 'severity']);
    await expectDomainError(
      updateIncident({ ctx: kalteng(), input: { incidentId: crypto.randomUUID(), severity: 2 } }),
      'NOT_FOUND',
    );

    await changeIncidentPhase({ ctx: kalteng(), input: { incidentId: incident.id, phase: 'closed' } });
    const closed = await expectDomainError(
      updateIncident({ ctx: kalteng(), input: { incidentId: incident.id, severity: 1 } }),
      'CONFLICT',
    );
    expect(closed.message).toMatch(/sudah ditutup/);
  });
});

describe('changeIncidentPhase', () => {
  it('moves forward through the phases, may skip one, and sets closedAt only on closing', async () => {
    const incident = await addIncident(handle, '62.71');
    const ctx = kalteng();
    const responding = await changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'response' } });
    expect(responding).toMatchObject({ phase: 'response', closedAt: null });
    const closed = await changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'closed' } });
    expect(closed.phase).toBe('closed');
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(ctx.published.map((event) => [event.type, event.payload.from, event.payload.to])).toEqual([
      [INCIDENT_EVENTS.phaseChanged, 'reported', 'response'],
      [INCIDENT_EVENTS.phaseChanged, 'response', 'closed'],
    ]);
    expect(ctx.published.every((event) => event.incidentId === incident.id && event.regencyCode === '62.71')).toBe(
      true,
    );
  });

  it('refuses going back, staying put and leaving "selesai", with the phases named', async () => {
    const incident = await addIncident(handle, '62.71');
    const ctx = kalteng();
    await changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'recovery' } });
    const back = await expectDomainError(
      changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'response' } }),
      'CONFLICT',
    );
    expect(back.message).toBe(
      'Fase kejadian hanya dapat maju: dari "Pemulihan" tidak dapat kembali ke "Tanggap darurat".',
    );
    const same = await expectDomainError(
      changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'recovery' } }),
      'CONFLICT',
    );
    expect(same.message).toMatch(/sudah dalam fase "Pemulihan"/);
    await changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'closed' } });
    for (const phase of ['reported', 'response', 'recovery', 'closed']) {
      const error = await expectDomainError(
        changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase } }),
        'CONFLICT',
      );
      expect(error.message).toBe('Kejadian ini sudah ditutup; fasenya tidak dapat diubah lagi.');
    }
    await expectDomainError(changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'done' } }), 'INVALID');
  });

  it('lets only coordinators of the incident’s scope change its phase', async () => {
    const incident = await addIncident(handle, '62.71');
    for (const actor of [actors.leader('62'), actors.coordinator('19'), actors.coordinator('62', '62.11')]) {
      await expectDomainError(
        changeIncidentPhase({
          ctx: actorContext(handle, actor),
          input: { incidentId: incident.id, phase: 'response' },
        }),
        'FORBIDDEN',
      );
    }
    const own = await changeIncidentPhase({
      ctx: actorContext(handle, actors.coordinator('62', '62.71')),
      input: { incidentId: incident.id, phase: 'response' },
    });
    expect(own.phase).toBe('response');
  });

  it('will not close while volunteers are out or offers wait, then closes the requests with the incident', async () => {
    const { incident, request, crew } = await openRequest(handle, { slots: 1, offered: 3 });
    const ctx = kalteng();
    const waiting = await expectDomainError(
      changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'closed' } }),
      'CONFLICT',
    );
    expect(waiting.message).toBe(
      'Kejadian belum dapat ditutup: 3 tawaran belum dijawab. Tunggu penugasan selesai atau batalkan permintaannya dulu.',
    );

    const [first] = crew;
    const volunteerCtx = actorContext(handle, actors.volunteer(first!.volunteer));
    await acceptOffer({ ctx: volunteerCtx, input: { assignmentId: first!.offer.id } });
    const out = await expectDomainError(
      changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'closed' } }),
      'CONFLICT',
    );
    expect(out.message).toMatch(
      /^Kejadian belum dapat ditutup: 1 relawan masih bertugas dan 2 tawaran belum dijawab\./,
    );

    await cancelRequest({ ctx, input: { requestId: request.id, reason: 'Banjir surut' } });
    const closed = await changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'closed' } });
    expect(closed.phase).toBe('closed');
    const [row] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id));
    expect(row?.status).toBe('cancelled');
  });
});

describe('closing', () => {
  it('closes a filled request with the incident and logs request.closed for it', async () => {
    const { incident, request, crew } = await openRequest(handle, { slots: 1, offered: 1 });
    const [only] = crew;
    const volunteerCtx = actorContext(handle, actors.volunteer(only!.volunteer));
    await acceptOffer({ ctx: volunteerCtx, input: { assignmentId: only!.offer.id } });
    for (const [from, status] of [
      ['accepted', 'en_route'],
      ['en_route', 'on_site'],
      ['on_site', 'completed'],
    ]) {
      await reportStatus({ ctx: volunteerCtx, input: { assignmentId: only!.offer.id, from, status } });
    }

    const ctx = kalteng();
    const closed = await changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'closed' } });
    expect(closed.phase).toBe('closed');
    const [row] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id));
    expect(row?.status).toBe('closed');
    expect(ctx.published.map((event) => event.type)).toEqual([INCIDENT_EVENTS.phaseChanged, REQUEST_EVENTS.closed]);
    expect(ctx.published[1]).toMatchObject({
      incidentId: incident.id,
      provinceCode: '62',
      payload: { requestId: request.id, from: 'filled' },
    });
  });
});
