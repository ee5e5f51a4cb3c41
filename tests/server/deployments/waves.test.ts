import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, deploymentRequests, districts, regencies } from '../../../db/schema';
import { requestProgress } from '../../../server/deployments/queries';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { widenWaves } from '../../../server/deployments/widen-waves';
import { createTeam } from '../../../server/teams/create-team';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  addIncident,
  addVolunteers,
  expectDomainError,
  inHours,
  uniqueSkill,
} from '../../support/dispatch';

let handle: DatabaseHandle;

// Katingan Hilir (Kasongan) at its GADM centroid; three kabupaten points farther and farther from the site.
const SITE = { lat: -1.9, lng: 113.4 };
beforeAll(async () => {
  handle = await openTestDatabase('reference');
  await handle.db.update(districts).set({ lat: -1.8915, lng: 113.38418 }).where(eq(districts.code, '62.06.02'));
  const points: Record<string, [number, number]> = {
    '62.06': [-1.2, 113.1],
    '62.71': [-2.2, 113.9],
    '62.03': [-1.8, 114.4],
  };
  for (const [code, [lat, lng]] of Object.entries(points)) {
    await handle.db.update(regencies).set({ lat, lng }).where(eq(regencies.code, code));
  }
});
afterAll(async () => {
  await handle?.close();
});

const minutes = (n: number, from: Date) => new Date(from.getTime() + n * 60_000);

async function offeredTo(requestId: string): Promise<Set<string>> {
  const rows = await handle.db
    .select({ volunteerId: assignments.volunteerId })
    .from(assignments)
    .where(eq(assignments.requestId, requestId));
  return new Set(rows.map((row) => row.volunteerId));
}

describe('a request in waves', () => {
  it('offers the 15 nearest for 5 places with k = 3, the next 15 after M minutes, then the rest, never twice', async () => {
    const skill = uniqueSkill();
    const kasongan = await addVolunteers(handle.db, {
      regencyCode: '62.06',
      count: 15,
      skills: [skill],
      districtCode: '62.06.02',
    });
    const palangka = await addVolunteers(handle.db, { regencyCode: '62.71', count: 15, skills: [skill] });
    const kapuas = await addVolunteers(handle.db, { regencyCode: '62.03', count: 10, skills: [skill] });
    const incident = await addIncident(handle, '62.06', SITE);
    const start = new Date();
    let now = start;
    const ctx = actorContext(handle, actors.coordinator('62'), () => now);

    const { request, offered } = await requestDeployment({
      ctx,
      input: {
        incidentId: incident.id,
        slots: 5,
        pillarCodes: ['tagana'],
        skill,
        sourceRegencyCodes: ['62.03', '62.06', '62.71'],
        meetingPoint: 'Posko Kasongan',
        deadline: inHours(6, start).toISOString(),
        waves: { factor: 3, everyMinutes: 20 },
      },
    });
    expect(offered).toBe(15);
    expect(await offeredTo(request.id)).toEqual(new Set(kasongan.map((v) => v.id)));
    expect(request.nextWaveAt?.getTime()).toBe(minutes(20, start).getTime());

    // Not yet due: nothing widens.
    now = minutes(19, start);
    expect(await widenWaves({ ctx, now })).toEqual({ widened: 0, offered: 0 });
    expect((await offeredTo(request.id)).size).toBe(15);

    now = minutes(20, start);
    expect(await widenWaves({ ctx, now })).toEqual({ widened: 1, offered: 15 });
    expect(await offeredTo(request.id)).toEqual(new Set([...kasongan, ...palangka].map((v) => v.id)));
    // A second sweep at the same time (another process, or after a restart) offers nobody again.
    const restarted = actorContext(handle, actors.admin(), () => now);
    expect(await widenWaves({ ctx: restarted, now })).toEqual({ widened: 0, offered: 0 });

    now = minutes(40, start);
    expect(await widenWaves({ ctx, now })).toEqual({ widened: 1, offered: 10 });
    expect(await offeredTo(request.id)).toEqual(new Set([...kasongan, ...palangka, ...kapuas].map((v) => v.id)));
    const [row] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, request.id));
    expect(row!.nextWaveAt).toBeNull();

    // The coordinator sees each wave: when, and how many.
    const progress = await requestProgress({ ctx, input: { requestId: request.id } });
    expect(progress.waves.map(({ number, offered, offeredAt }) => [number, offered, offeredAt.getTime()])).toEqual([
      [1, 15, start.getTime()],
      [2, 15, minutes(20, start).getTime()],
      [3, 10, minutes(40, start).getTime()],
    ]);
  });

  it('does not widen a request whose places are all taken', async () => {
    const skill = uniqueSkill();
    const near = await addVolunteers(handle.db, {
      regencyCode: '62.06',
      count: 3,
      skills: [skill],
      districtCode: '62.06.02',
    });
    await addVolunteers(handle.db, { regencyCode: '62.71', count: 3, skills: [skill] });
    const incident = await addIncident(handle, '62.06', SITE);
    const start = new Date();
    const ctx = actorContext(handle, actors.coordinator('62'), () => start);
    const { request } = await requestDeployment({
      ctx,
      input: {
        incidentId: incident.id,
        slots: 1,
        pillarCodes: ['tagana'],
        skill,
        sourceRegencyCodes: ['62.06', '62.71'],
        meetingPoint: 'Posko Kasongan',
        deadline: inHours(6, start).toISOString(),
        waves: { factor: 3, everyMinutes: 10 },
      },
    });
    expect(await offeredTo(request.id)).toEqual(new Set(near.map((v) => v.id)));
    await handle.db
      .update(deploymentRequests)
      .set({ status: 'filled', acceptedCount: 1 })
      .where(eq(deploymentRequests.id, request.id));
    await widenWaves({ ctx, now: minutes(30, start) });
    expect((await offeredTo(request.id)).size).toBe(3);
  });
});

describe('a request addressed to regu or hand-picked volunteers', () => {
  it('offers only to the siaga members of the named regu, whatever else matches', async () => {
    const skill = uniqueSkill();
    const members = await addVolunteers(handle.db, { regencyCode: '62.06', count: 6, skills: [skill] });
    const others = await addVolunteers(handle.db, { regencyCode: '62.06', count: 4, skills: [skill] });
    const ctx = actorContext(handle, actors.coordinator('62', '62.06'));
    const team = await createTeam({
      ctx,
      input: { name: `Regu Uji ${skill}`, regencyCode: '62.06', memberIds: members.map((v) => v.id) },
    });
    const incident = await addIncident(handle, '62.06', SITE);
    const input = {
      incidentId: incident.id,
      slots: 3,
      pillarCodes: ['tagana'],
      meetingPoint: 'Posko Kasongan',
      deadline: inHours(6).toISOString(),
    };
    const { request, offered } = await requestDeployment({
      ctx,
      input: { ...input, audience: { kind: 'teams', teamIds: [team.id] } },
    });
    expect(offered).toBe(6);
    expect(await offeredTo(request.id)).toEqual(new Set(members.map((v) => v.id)));
    expect(request.audienceKind).toBe('teams');
    expect(request.sourceRegencyCodes).toEqual(['62.06']);

    const picked = await requestDeployment({
      ctx,
      input: { ...input, audience: { kind: 'volunteers', volunteerIds: [others[0]!.id, others[1]!.id] } },
    });
    expect(await offeredTo(picked.request.id)).toEqual(new Set([others[0]!.id, others[1]!.id]));

    // Scopes hold: another kabupaten's coordinator, or another province's, may not dispatch them.
    for (const outsider of [actors.coordinator('62', '62.71'), actors.coordinator('32')]) {
      await expectDomainError(
        requestDeployment({
          ctx: actorContext(handle, outsider),
          input: { ...input, audience: { kind: 'volunteers', volunteerIds: [others[2]!.id] } },
        }),
        'FORBIDDEN',
      );
    }
    const invalid = await expectDomainError(
      requestDeployment({
        ctx,
        input: { ...input, audience: { kind: 'teams', teamIds: [team.id] }, waves: { everyMinutes: 5 } },
      }),
      'INVALID',
    );
    expect(invalid.details?.waves?.[0]).toMatch(/Gelombang/);
    const refused = await handle.db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(inArray(assignments.volunteerId, [others[2]!.id, others[3]!.id])));
    expect(refused).toHaveLength(0);
  });

  it("refuses a regu of another province, even to that province's own coordinator asking for this incident", async () => {
    const skill = uniqueSkill();
    const jabar = await addVolunteers(handle.db, { regencyCode: '32.04', count: 5, skills: [skill] });
    const team = await createTeam({
      ctx: actorContext(handle, actors.coordinator('32')),
      input: { name: `Regu Bandung ${skill}`, regencyCode: '32.04', memberIds: jabar.map((v) => v.id) },
    });
    const incident = await addIncident(handle, '62.06', SITE);
    await expectDomainError(
      requestDeployment({
        ctx: actorContext(handle, actors.coordinator('62')),
        input: {
          incidentId: incident.id,
          slots: 2,
          pillarCodes: ['tagana'],
          meetingPoint: 'Posko Kasongan',
          deadline: inHours(6).toISOString(),
          audience: { kind: 'teams', teamIds: [team.id] },
        },
      }),
      'FORBIDDEN',
    );
  });
});
