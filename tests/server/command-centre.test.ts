import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../db/client';
import { deploymentRequests, trainings } from '../../db/schema';
import { commandCentreLive, filteredAvailability } from '../../server/command-centre/queries';
import { acceptOffer } from '../../server/deployments/accept-offer';
import { applyRegencyPoints } from '../../server/regencies/points';
import { openTestDatabase } from '../support/database';
import { actorContext, actors, expectDomainError, openRequest } from '../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('demo');
  // Lines run between kabupaten points, which the server copies from the boundary build at start.
  await applyRegencyPoints(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

const live = (actor = actors.coordinator('62'), wilayah = '62') =>
  commandCentreLive({ ctx: actorContext(handle, actor), input: { wilayah } });

describe('filteredAvailability', () => {
  it('counts only the pillar and the training asked for (certificates valid today), like a direct count', async () => {
    // The karhutla bimtek's Tagana certificates are valid for two years (the demo's expired ones count 0).
    const [training] = await handle.db
      .select()
      .from(trainings)
      .where(and(eq(trainings.provinceCode, '62'), like(trainings.name, 'Bimtek Tagana: Pengendalian Karhutla%')))
      .limit(1);
    const { regencies } = await filteredAvailability({
      ctx: actorContext(handle, actors.coordinator('62')),
      input: { wilayah: '62', pillarCode: 'tagana', trainingId: training!.id },
    });
    const rows = await queryRows<{ code: string; available: number }>(
      handle.db,
      sql`select v.regency_code as code, count(*) filter (where v.availability = 'available')::int as available
        from volunteers v join volunteer_trainings vt on vt.volunteer_id = v.id and vt.training_id = ${training!.id}
        where v.pillar_code = 'tagana' and v.regency_code like '62.%' and v.retired_at is null
          and (vt.valid_until is null or vt.valid_until >= (now() at time zone 'Asia/Jakarta')::date)
        group by 1`,
    );
    const expected = new Map(rows.map((row) => [row.code, row.available]));
    expect(regencies).toHaveLength(14);
    for (const regency of regencies) expect(regency.available, regency.code).toBe(expected.get(regency.code) ?? 0);
    expect(regencies.some((regency) => regency.available > 0)).toBe(true);
  });

  it('refuses another province to a coordinator, the national view to all but admins, and bad filters', async () => {
    const ctx = actorContext(handle, actors.coordinator('62'));
    await expectDomainError(filteredAvailability({ ctx, input: { wilayah: '32' } }), 'FORBIDDEN');
    await expectDomainError(filteredAvailability({ ctx, input: { wilayah: 'nasional' } }), 'FORBIDDEN');
    await expectDomainError(filteredAvailability({ ctx, input: { wilayah: '62', trainingId: 'x' } }), 'INVALID');
    await expectDomainError(filteredAvailability({ ctx, input: { wilayah: 'semua' } }), 'INVALID');
    const national = await filteredAvailability({
      ctx: actorContext(handle, actors.admin()),
      input: { wilayah: 'nasional', pillarCode: 'tagana' },
    });
    expect(national.regencies).toHaveLength(514);
  });
});

describe('commandCentreLive', () => {
  it('shows a running request with its fill, a line per source kabupaten, and the answer in the activity', async () => {
    const { request, crew, incident } = await openRequest(handle, { regencyCode: '62.71', slots: 3, offered: 2 });
    await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(crew[0]!.volunteer)),
      input: { assignmentId: crew[0]!.offer.id },
    });
    const view = await live();
    const shown = view.requests.find((item) => item.id === request.id)!;
    expect(shown).toMatchObject({ slots: 3, acceptedCount: 1, overdue: false, status: 'open' });
    expect(view.lines.filter((line) => line.requestId === request.id)).toEqual([
      expect.objectContaining({ sourceRegencyCode: '62.71', active: 1 }),
    ]);
    expect(view.incidents.find((item) => item.id === incident.id)).toMatchObject({ slots: 3, accepted: 1 });
    // Newest first: her answer and the availability change it caused lead the feed.
    expect(view.activity.slice(0, 2).map((entry) => [entry.type, entry.volunteerName])).toEqual(
      expect.arrayContaining([['assignment.accepted', crew[0]!.volunteer.name]]),
    );
    expect(view.activity.some((entry) => entry.type === 'assignment.offered')).toBe(false);
  });

  it('marks a request past its deadline and not full as overdue, and lists it first', async () => {
    const { request } = await openRequest(handle, { regencyCode: '62.03', slots: 2, offered: 1 });
    await handle.db
      .update(deploymentRequests)
      .set({ deadline: new Date(Date.now() - 3_600_000) })
      .where(eq(deploymentRequests.id, request.id));
    const view = await live();
    expect(view.requests[0]).toMatchObject({ id: request.id, overdue: true });
    expect(view.incidents.find((item) => item.id === request.incidentId)?.overdue).toBe(1);
  });

  it("keeps a kabupaten's staff to incidents in or drawing from their kabupaten", async () => {
    const kapuas = await openRequest(handle, { regencyCode: '62.03', slots: 1, offered: 1 });
    const elsewhere = await openRequest(handle, { regencyCode: '62.06', slots: 1, offered: 1 });
    const view = await live(actors.coordinator('62', '62.03'));
    const ids = view.incidents.map((item) => item.id);
    expect(ids).toContain(kapuas.incident.id);
    expect(ids).not.toContain(elsewhere.incident.id);
    expect(view.activity.map((entry) => entry.incidentTitle)).not.toContain(elsewhere.incident.title);
    expect(view.activity.map((entry) => entry.incidentTitle)).toContain(kapuas.incident.title);
  });
});
