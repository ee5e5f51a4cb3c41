import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, deploymentRequests } from '../../../db/schema';
import { matchVolunteers } from '../../../server/deployments/queries';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { filteredAvailability } from '../../../server/command-centre/queries';
import { createIncident } from '../../../server/incidents/create-incident';
import { createTraining } from '../../../server/trainings/create-training';
import { recordAttendance } from '../../../server/trainings/record-attendance';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, expectDomainError } from '../../support/dispatch';
import { addPhoneVolunteers } from '../../support/trainings';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

// 10 June 2026, 10:00 WIB; the request's deadline is the next morning, 09:00 WIB.
const NOW = new Date('2026-06-10T03:00:00Z');
const DEADLINE = '2026-06-11T09:00:00+07:00';
const kalteng = () => actorContext(handle, actors.coordinator('62'), () => NOW);

describe('a request that requires a training', () => {
  it('offers only to volunteers whose certificate is still valid at the deadline, and the counts agree', async () => {
    const ctx = kalteng();
    const training = await createTraining({
      ctx,
      input: {
        provinceCode: '62',
        kind: 'diklat_basic',
        name: `Diklat Dasar Tagana ${process.pid}`,
        organiser: 'Dinas Sosial Provinsi Kalimantan Tengah',
        startsOn: '2024-06-01',
        endsOn: '2024-06-10',
        validMonths: 12,
      },
    });
    const [lapsed, endsToday, endsOnDeadline, fresh, untrained] = await addPhoneVolunteers(handle.db, {
      regencyCode: '62.06',
      count: 5,
      pillarCode: 'tagana',
    });
    const record = (volunteerId: string, completedOn: string, certifiedOn?: string) =>
      recordAttendance({
        ctx,
        input: { trainingId: training.id, volunteerIds: [volunteerId], completedOn, certifiedOn },
      });
    await record(lapsed!.id, '2024-06-10'); // ended 10 June 2025
    await record(endsToday!.id, '2025-06-10'); // valid today, ended by the deadline
    await record(endsOnDeadline!.id, '2024-06-10', '2025-06-11'); // counts through 11 June 2026
    await record(fresh!.id, '2026-01-15');
    void untrained;

    const incident = await createIncident({
      ctx,
      input: { type: 'forest_fire', severity: 3, regencyCode: '62.06', occurredAt: '2026-06-10T08:00:00+07:00' },
    });
    const criteria = { pillarCodes: ['tagana'], sourceRegencyCodes: ['62.06'], trainingId: training.id };

    // The composer's count: at the draft's deadline, and (without one) today.
    const atDeadline = await matchVolunteers({
      ctx,
      input: { incidentId: incident.id, ...criteria, deadline: DEADLINE },
    });
    expect(atDeadline.regencies.find((r) => r.code === '62.06')?.available).toBe(2);
    const today = await matchVolunteers({ ctx, input: { incidentId: incident.id, ...criteria } });
    expect(today.regencies.find((r) => r.code === '62.06')?.available).toBe(3);
    // The command centre's training filter: who could go now.
    const map = await filteredAvailability({ ctx, input: { wilayah: '62', trainingId: training.id } });
    const katingan = map.regencies.find((r) => r.code === '62.06')!;
    expect(katingan.available).toBe(3);

    const { request, offered } = await requestDeployment({
      ctx,
      input: {
        incidentId: incident.id,
        slots: 2,
        ...criteria,
        meetingPoint: 'Posko Karhutla, Kasongan',
        deadline: DEADLINE,
      },
    });
    expect(offered).toBe(2);
    const offers = await handle.db.select().from(assignments).where(eq(assignments.requestId, request.id));
    expect(offers.map((offer) => offer.volunteerId).sort()).toEqual([endsOnDeadline!.id, fresh!.id].sort());
  });

  it('offers nothing when every certificate has expired before the deadline', async () => {
    const ctx = kalteng();
    const training = await createTraining({
      ctx,
      input: {
        provinceCode: '62',
        kind: 'bimtek',
        name: `Bimtek Karhutla ${process.pid}`,
        organiser: 'Dinas Sosial Provinsi Kalimantan Tengah',
        startsOn: '2023-05-01',
        endsOn: '2023-05-02',
        validMonths: 24,
      },
    });
    const [expired] = await addPhoneVolunteers(handle.db, { regencyCode: '62.02', count: 1, pillarCode: 'tagana' });
    await recordAttendance({
      ctx,
      input: { trainingId: training.id, volunteerIds: [expired!.id], completedOn: '2023-05-02' },
    });
    const incident = await createIncident({
      ctx,
      input: { type: 'forest_fire', severity: 2, regencyCode: '62.02', occurredAt: '2026-06-10T08:00:00+07:00' },
    });
    const error = await expectDomainError(
      requestDeployment({
        ctx,
        input: {
          incidentId: incident.id,
          slots: 1,
          pillarCodes: ['tagana'],
          sourceRegencyCodes: ['62.02'],
          trainingId: training.id,
          meetingPoint: 'Posko Karhutla, Kotawaringin Timur',
          deadline: DEADLINE,
        },
      }),
      'CONFLICT',
    );
    expect(error.message).toMatch(/masih berlaku pada batas waktu/);
    expect(
      await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.incidentId, incident.id)),
    ).toEqual([]);
    expect(await handle.db.select().from(assignments).where(eq(assignments.volunteerId, expired!.id))).toEqual([]);
  });
});
