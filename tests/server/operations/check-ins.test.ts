import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { CHECK_IN_EVENTS } from '../../../lib/operations';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { reportStatus } from '../../../server/deployments/report-status';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { markContacted } from '../../../server/operations/mark-contacted';
import { incidentCheckIns } from '../../../server/operations/queries';
import { reportCheckIn } from '../../../server/operations/report-check-in';
import { resolveCheckIn } from '../../../server/operations/resolve-check-in';
import { sweepCheckIns } from '../../../server/operations/sweep-check-ins';
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

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

const MINUTE = 60_000;

/**
 * A flood in Kapuas and one Tagana member on site, on a clock the test moves. `checkInMinutes` left
 * out: the flood's default of 2 hours.
 */
async function onSite(settings: { checkInMinutes?: number; checkInGraceMinutes?: number } = {}) {
  const regencyCode = '62.03';
  const skill = uniqueSkill();
  const [volunteer] = await addVolunteers(handle.db, { regencyCode, count: 1, skills: [skill] });
  const incident = await addIncident(handle, regencyCode);
  let clock = new Date();
  const now = () => clock;
  const coordinator = actorContext(handle, actors.coordinator('62'), now);
  const { request } = await requestDeployment({
    ctx: coordinator,
    input: {
      incidentId: incident.id,
      slots: 1,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: [regencyCode],
      meetingPoint: 'Dermaga Kuala Kapuas',
      deadline: inHours(6).toISOString(),
      ...settings,
    },
  });
  const phone = actorContext(handle, actors.volunteer(volunteer!), now);
  const [offer] = (await incidentOffers(request.id)) as [string];
  await acceptOffer({ ctx: phone, input: { assignmentId: offer } });
  await reportStatus({ ctx: phone, input: { assignmentId: offer, from: 'accepted', status: 'en_route' } });
  await reportStatus({
    ctx: phone,
    input: { assignmentId: offer, from: 'en_route', status: 'on_site', lat: -3.0, lng: 114.38 },
  });
  const sweeper = actorContext(handle, actors.admin(), now);
  return {
    incident,
    volunteer: volunteer!,
    assignmentId: offer,
    phone,
    coordinator,
    later: (ms: number) => (clock = new Date(clock.getTime() + ms)),
    now,
    /** Sweeps (every watch in the database) and returns what it announced about this assignment. */
    sweep: async () => {
      const before = sweeper.published.length;
      await sweepCheckIns({ ctx: sweeper, now: clock });
      return sweeper.published
        .slice(before)
        .filter((event) => event.payload.assignmentId === offer)
        .map((event) => event.type);
    },
  };
}

async function incidentOffers(requestId: string): Promise<string[]> {
  const { assignments } = await import('../../../db/schema');
  const { eq } = await import('drizzle-orm');
  const rows = await handle.db
    .select({ id: assignments.id })
    .from(assignments)
    .where(eq(assignments.requestId, requestId));
  return rows.map((row) => row.id);
}

async function stateOf(ctx: ReturnType<typeof actorContext>, incidentId: string, assignmentId: string) {
  const { entries } = await incidentCheckIns({ ctx, input: { incidentId } });
  return entries.find((entry) => entry.assignmentId === assignmentId);
}

describe('safety check-ins', () => {
  it('arrival starts the watch: due after the flood default of 2 hours, with the arrival position', async () => {
    const site = await onSite();
    const entry = await stateOf(site.coordinator, site.incident.id, site.assignmentId);
    expect(entry).toMatchObject({ state: 'ok', name: site.volunteer.name, status: 'on_site' });
    expect(Date.parse(entry!.dueAt) - site.now().getTime()).toBe(120 * MINUTE);
    expect(entry!.lastPosition).toMatchObject({ lat: -3.0, lng: 114.38 });
  });

  it('turns late at the due time and critical after the grace period; the sweep says so once', async () => {
    const site = await onSite({ checkInMinutes: 10, checkInGraceMinutes: 5 });
    site.later(9 * MINUTE);
    expect(await site.sweep()).toEqual([]);
    expect((await stateOf(site.coordinator, site.incident.id, site.assignmentId))!.state).toBe('ok');

    site.later(1 * MINUTE);
    expect(await site.sweep()).toEqual([CHECK_IN_EVENTS.late]);
    expect((await stateOf(site.coordinator, site.incident.id, site.assignmentId))!.state).toBe('late');
    expect(await site.sweep()).toEqual([]);

    site.later(5 * MINUTE);
    expect(await site.sweep()).toEqual([CHECK_IN_EVENTS.critical]);
    const critical = await stateOf(site.coordinator, site.incident.id, site.assignmentId);
    expect(critical!.state).toBe('critical');
    expect(await site.sweep()).toEqual([]);
  });

  it('"Saya aman" moves the next check-in one interval past the tap, made offline with its own time', async () => {
    const site = await onSite({ checkInMinutes: 10 });
    site.later(12 * MINUTE);
    expect(await site.sweep()).toEqual([CHECK_IN_EVENTS.late]);
    // Tapped 3 minutes ago without signal, sent now from the outbox.
    const tappedAt = new Date(site.now().getTime() - 3 * MINUTE);
    const status = await reportCheckIn({
      ctx: site.phone,
      input: {
        assignmentId: site.assignmentId,
        kind: 'safe',
        clientAt: tappedAt.toISOString(),
        lat: -3.01,
        lng: 114.4,
        idempotencyKey: 'aman-1',
      },
    });
    expect(status).toMatchObject({ state: 'ok', lastCheckInAt: tappedAt.toISOString() });
    expect(Date.parse(status.dueAt)).toBe(tappedAt.getTime() + 10 * MINUTE);
    expect(status.lastPosition).toEqual({ lat: -3.01, lng: 114.4, at: tappedAt.toISOString() });
    // The outbox resends it: the same answer, no second event.
    const events = site.phone.published.length;
    expect(
      await reportCheckIn({
        ctx: site.phone,
        input: {
          assignmentId: site.assignmentId,
          kind: 'safe',
          clientAt: tappedAt.toISOString(),
          lat: -3.01,
          lng: 114.4,
          idempotencyKey: 'aman-1',
        },
      }),
    ).toEqual(status);
    expect(site.phone.published).toHaveLength(events);
  });

  it('"Butuh bantuan" is red at once, until a coordinator marks the call and resolves it', async () => {
    const site = await onSite({ checkInMinutes: 10 });
    const help = await reportCheckIn({
      ctx: site.phone,
      input: { assignmentId: site.assignmentId, kind: 'help', note: 'Perahu bocor di Desa Sei Pitung' },
    });
    expect(help).toMatchObject({ state: 'help', lastNote: 'Perahu bocor di Desa Sei Pitung' });
    // A later "aman" does not clear a call for help by itself.
    expect(
      (await reportCheckIn({ ctx: site.phone, input: { assignmentId: site.assignmentId, kind: 'safe' } })).state,
    ).toBe('help');

    const contacted = await markContacted({
      ctx: site.coordinator,
      input: { assignmentId: site.assignmentId, note: 'Ditelepon, tim SAR menuju lokasi' },
    });
    expect(contacted).toMatchObject({ state: 'help', contactedNote: 'Ditelepon, tim SAR menuju lokasi' });
    const resolved = await resolveCheckIn({ ctx: site.coordinator, input: { assignmentId: site.assignmentId } });
    expect(resolved).toMatchObject({ state: 'ok', contactedAt: null });
    expect(Date.parse(resolved.dueAt)).toBe(site.now().getTime() + 10 * MINUTE);
    expect(site.coordinator.published.map((event) => event.type)).toEqual(
      expect.arrayContaining([CHECK_IN_EVENTS.contacted, CHECK_IN_EVENTS.resolved]),
    );
    await expectDomainError(
      resolveCheckIn({ ctx: site.coordinator, input: { assignmentId: site.assignmentId } }),
      'CONFLICT',
    );
  });

  it('refuses staff outside the incident, other volunteers, and assignments not under way', async () => {
    const site = await onSite();
    const elsewhere = actorContext(handle, actors.coordinator('32'));
    await expectDomainError(
      markContacted({ ctx: elsewhere, input: { assignmentId: site.assignmentId, note: 'x' } }),
      'FORBIDDEN',
    );
    await expectDomainError(incidentCheckIns({ ctx: elsewhere, input: { incidentId: site.incident.id } }), 'FORBIDDEN');
    const [stranger] = await addVolunteers(handle.db, { regencyCode: '62.03', count: 1, skills: [uniqueSkill()] });
    await expectDomainError(
      reportCheckIn({
        ctx: actorContext(handle, actors.volunteer(stranger!)),
        input: { assignmentId: site.assignmentId, kind: 'safe' },
      }),
      'FORBIDDEN',
    );
    await expectDomainError(
      reportCheckIn({ ctx: site.phone, input: { assignmentId: site.assignmentId, kind: 'maybe' } }),
      'INVALID',
    );
    await reportStatus({
      ctx: site.phone,
      input: { assignmentId: site.assignmentId, from: 'on_site', status: 'completed' },
    });
    await expectDomainError(
      reportCheckIn({ ctx: site.phone, input: { assignmentId: site.assignmentId, kind: 'safe' } }),
      'CONFLICT',
    );
    // Completed: no longer listed, and its position with it.
    expect(await stateOf(site.coordinator, site.incident.id, site.assignmentId)).toBeUndefined();
  });

  it('after a restart the sweep catches up from the database alone, straight to critical', async () => {
    const site = await onSite({ checkInMinutes: 10, checkInGraceMinutes: 5 });
    // Nothing swept while the server was down for 20 minutes; the first sweep after the restart catches up.
    site.later(20 * MINUTE);
    const restarted = actorContext(handle, actors.admin(), site.now);
    const swept = await sweepCheckIns({ ctx: restarted, now: site.now() });
    expect(swept.critical).toBeGreaterThanOrEqual(1);
    expect(restarted.published.filter((event) => event.payload.assignmentId === site.assignmentId)).toEqual([
      expect.objectContaining({ type: CHECK_IN_EVENTS.critical, payload: expect.objectContaining({ from: 'ok' }) }),
    ]);
    expect((await stateOf(site.coordinator, site.incident.id, site.assignmentId))!.state).toBe('critical');
    expect(await site.sweep()).toEqual([]);
  });
});
