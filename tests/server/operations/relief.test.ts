import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, provinces } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, ASSIGNMENT_UNDONE } from '../../../lib/dispatch';
import { dutyMs, longOnSite, teamDuty, wholeHours } from '../../../lib/relief';
import type { ActorContext } from '../../../server/auth/actor';
import { loadBoard } from '../../../server/board/queries';
import { readLive } from '../../../server/command-centre/queries';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { changeRequest } from '../../../server/deployments/change-request';
import { requestProgress, volunteerAssignments } from '../../../server/deployments/queries';
import { reportStatus } from '../../../server/deployments/report-status';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { undoStatus } from '../../../server/deployments/undo-status';
import { getIncident } from '../../../server/incidents/queries';
import { sweepRest } from '../../../server/operations/sweep-rest';
import { setVolunteerAvailability } from '../../../server/volunteers/set-availability';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  addVolunteers,
  assignmentRow,
  expectDomainError,
  inHours,
  openRequest,
  uniqueSkill,
  volunteerRow,
} from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

const HOUR = 3_600_000;

/** A clock the test moves by hand. */
function clock(start = new Date()) {
  let at = start.getTime();
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

async function walk(phone: ActorContext, assignmentId: string, to: 'on_site' | 'en_route') {
  await acceptOffer({ ctx: phone, input: { assignmentId } });
  await reportStatus({ ctx: phone, input: { assignmentId, from: 'accepted', status: 'en_route' } });
  if (to === 'on_site')
    await reportStatus({ ctx: phone, input: { assignmentId, from: 'en_route', status: 'on_site' } });
}

/** A team of `size` on site for an incident in Palangka Raya, its coordinator and a clock. */
async function teamOnSite(size: number) {
  const time = clock(new Date(Date.now() - 20 * HOUR));
  const { incident, request, coordinator, crew } = await openRequest(handle, { slots: size, offered: size });
  const ctx = actorContext(handle, coordinator.actor, time.now);
  const phones = crew.map(({ volunteer, offer }) => ({
    volunteer,
    offer,
    phone: actorContext(handle, actors.volunteer(volunteer), time.now),
  }));
  for (const { phone, offer } of phones) await walk(phone, offer.id, 'on_site');
  return { incident, request, coordinator: ctx, team: phones, time };
}

/** A relief request for `relievedId` with its own fresh volunteers, offered to them. */
async function askRelief(
  coordinator: ActorContext,
  incident: { id: string; regencyCode: string },
  relievedId: string,
  size: number,
) {
  const skill = uniqueSkill();
  const crew = await addVolunteers(handle.db, { regencyCode: incident.regencyCode, count: size, skills: [skill] });
  const { request } = await requestDeployment({
    ctx: coordinator,
    input: {
      incidentId: incident.id,
      slots: size,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: [incident.regencyCode],
      meetingPoint: 'Posko lapangan',
      deadline: inHours(6, coordinator.now()).toISOString(),
      shiftEndsAt: inHours(12, coordinator.now()).toISOString(),
      relievesRequestId: relievedId,
    },
  });
  const offers = await handle.db.select().from(assignments).where(eq(assignments.requestId, request.id));
  return {
    request,
    crew: crew.map((volunteer) => ({
      volunteer,
      offer: offers.find((offer) => offer.volunteerId === volunteer.id)!,
      phone: actorContext(handle, actors.volunteer(volunteer), coordinator.now),
    })),
  };
}

describe('relief and demobilisation', () => {
  it('a relief request is linked to the one it replaces, and the link shows on both', async () => {
    const { incident, request, coordinator } = await teamOnSite(2);
    const relief = await askRelief(coordinator, incident, request.id, 2);
    expect(relief.request.relievesRequestId).toBe(request.id);
    expect(relief.request.shiftEndsAt).toBeInstanceOf(Date);
    const detail = await getIncident({ ctx: coordinator, input: { incidentId: incident.id } });
    const relieved = detail.requests.find((entry) => entry.id === request.id)!;
    const replacing = detail.requests.find((entry) => entry.id === relief.request.id)!;
    expect(replacing.relievesRequestId).toBe(relieved.id);
    expect(detail.requests.filter((entry) => entry.relievesRequestId === request.id).map((entry) => entry.id)).toEqual([
      relief.request.id,
    ]);
    const created = coordinator.published.find(
      (event) => event.type === 'request.created' && event.payload.requestId === relief.request.id,
    );
    expect(created?.payload.relievesRequestId).toBe(request.id);
  });

  it('refuses a relief for a request of another incident, and a coordinator of another province', async () => {
    const first = await teamOnSite(1);
    const other = await openRequest(handle, { slots: 1, offered: 1 });
    const error = await expectDomainError(askRelief(first.coordinator, first.incident, other.request.id, 1), 'INVALID');
    expect(error.details?.relievesRequestId?.[0]).toMatch(/kejadian yang sama/);

    const jabar = actorContext(handle, actors.coordinator('32'));
    await expectDomainError(askRelief(jabar, first.incident, first.request.id, 1), 'FORBIDDEN');
    await expectDomainError(
      changeRequest({ ctx: jabar, input: { requestId: first.request.id, shiftEndsAt: new Date().toISOString() } }),
      'FORBIDDEN',
    );
  });

  it('the first relief volunteer on site relieves the old team, one event each, in the same transaction', async () => {
    const { incident, request, coordinator, team, time } = await teamOnSite(3);
    // One of the old team already finished: only those still on site are relieved.
    await reportStatus({
      ctx: team[2]!.phone,
      input: { assignmentId: team[2]!.offer.id, from: 'on_site', status: 'completed' },
    });
    const relief = await askRelief(coordinator, incident, request.id, 2);
    const [arriving, second] = relief.crew as [(typeof relief.crew)[number], (typeof relief.crew)[number]];
    await walk(arriving.phone, arriving.offer.id, 'en_route');
    time.advance(HOUR);
    const before = arriving.phone.published.length;
    await reportStatus({
      ctx: arriving.phone,
      input: { assignmentId: arriving.offer.id, from: 'en_route', status: 'on_site' },
    });
    const announced = arriving.phone.published.slice(before);
    expect(announced.map((event) => event.type).sort()).toEqual(
      [ASSIGNMENT_EVENTS.on_site, ASSIGNMENT_EVENTS.relieved, ASSIGNMENT_EVENTS.relieved].sort(),
    );
    const relievedIds = announced
      .filter((event) => event.type === ASSIGNMENT_EVENTS.relieved)
      .map((event) => event.payload.assignmentId)
      .sort();
    expect(relievedIds).toEqual([team[0]!.offer.id, team[1]!.offer.id].sort());

    for (const member of team.slice(0, 2)) {
      const row = await assignmentRow(handle.db, member.offer.id);
      expect(row.status).toBe('relieved');
      expect(row.relievedAt).toEqual(time.now());
      expect(row.relievedByAssignmentId).toBe(arriving.offer.id);
      // Still "Bertugas" on the way home, and still holding the place.
      expect((await volunteerRow(handle.db, member.volunteer.id)).availability).toBe('deployed');
    }
    expect((await assignmentRow(handle.db, team[2]!.offer.id)).status).toBe('completed');
    const progress = await requestProgress({ ctx: coordinator, input: { requestId: request.id } });
    expect(progress.request.acceptedCount).toBe(3);
    expect(progress.counts.relieved).toBe(2);

    // The second relief volunteer arriving changes nothing more.
    await walk(second.phone, second.offer.id, 'on_site');
    expect(second.phone.published.filter((event) => event.type === ASSIGNMENT_EVENTS.relieved)).toEqual([]);

    // The relieved phone sees its step: "Kembali".
    const own = await volunteerAssignments({ ctx: team[0]!.phone, input: {} });
    const mine = own.find((item) => item.assignment.id === team[0]!.offer.id)!;
    expect(mine.assignment.status).toBe('relieved');
    expect(mine.nextStatuses).toEqual(['returned']);
  });

  it('back home: "kembali" rests the volunteer, undo puts them on duty, Siaga by their own choice stays theirs', async () => {
    const { incident, request, coordinator, team, time } = await teamOnSite(2);
    const relief = await askRelief(coordinator, incident, request.id, 1);
    await walk(relief.crew[0]!.phone, relief.crew[0]!.offer.id, 'on_site');
    time.advance(3 * HOUR);

    const [first, second] = team as [(typeof team)[number], (typeof team)[number]];
    const home = await reportStatus({
      ctx: first.phone,
      input: { assignmentId: first.offer.id, from: 'relieved', status: 'returned' },
    });
    expect(home.assignment.status).toBe('returned');
    expect(home.assignment.restEndsAt).toBe(new Date(time.now().getTime() + 12 * HOUR).toISOString());
    expect((await volunteerRow(handle.db, first.volunteer.id)).availability).toBe('unavailable');

    // Within 60 s it can be taken back: on duty again, no rest pending.
    time.advance(20_000);
    const undone = await undoStatus({ ctx: first.phone, input: { assignmentId: first.offer.id, status: 'returned' } });
    expect(undone.assignment.status).toBe('relieved');
    expect(undone.assignment.restEndsAt).toBeNull();
    expect((await volunteerRow(handle.db, first.volunteer.id)).availability).toBe('deployed');
    const undoEvent = first.phone.published.find((event) => event.type === ASSIGNMENT_UNDONE);
    expect(undoEvent?.payload).toMatchObject({ from: 'returned', to: 'relieved' });

    await reportStatus({
      ctx: first.phone,
      input: { assignmentId: first.offer.id, from: 'relieved', status: 'returned' },
    });
    await reportStatus({
      ctx: second.phone,
      input: { assignmentId: second.offer.id, from: 'relieved', status: 'returned' },
    });
    // The second volunteer says Siaga after a nap, then Tidak siaga again: their own choice, the sweep leaves it.
    time.advance(HOUR);
    await setVolunteerAvailability({
      ctx: second.phone,
      input: { volunteerId: second.volunteer.id, availability: 'available' },
    });
    expect((await volunteerRow(handle.db, second.volunteer.id)).availability).toBe('available');
    await setVolunteerAvailability({
      ctx: second.phone,
      input: { volunteerId: second.volunteer.id, availability: 'unavailable' },
    });

    // Past the rest period, after a restart: a fresh context, the sweep reads only the database.
    time.advance(12 * HOUR);
    const restarted = actorContext(handle, actors.admin(), time.now);
    const swept = await sweepRest({ ctx: restarted, now: time.now() });
    expect(swept.available).toBe(1);
    expect((await volunteerRow(handle.db, first.volunteer.id)).availability).toBe('available');
    expect((await volunteerRow(handle.db, second.volunteer.id)).availability).toBe('unavailable');
    expect(
      restarted.published.filter((event) => event.volunteerId === first.volunteer.id).map((event) => event.payload),
    ).toEqual([{ from: 'unavailable', to: 'available', label: 'Siaga', afterRest: true }]);
    // Each rest period is looked at once: a second sweep announces nothing for them.
    const again = actorContext(handle, actors.admin(), time.now);
    await sweepRest({ ctx: again, now: time.now() });
    expect(
      again.published.filter((event) => [first.volunteer.id, second.volunteer.id].includes(event.volunteerId ?? '')),
    ).toEqual([]);
  });

  it('the rest period is the province’s setting', async () => {
    const { incident, request, coordinator, team, time } = await teamOnSite(1);
    const relief = await askRelief(coordinator, incident, request.id, 1);
    await walk(relief.crew[0]!.phone, relief.crew[0]!.offer.id, 'on_site');
    const [province] = await handle.db.select().from(provinces).where(eq(provinces.code, '62'));
    await handle.db.update(provinces).set({ restHours: 6 }).where(eq(provinces.code, '62'));
    try {
      const home = await reportStatus({
        ctx: team[0]!.phone,
        input: { assignmentId: team[0]!.offer.id, from: 'relieved', status: 'returned' },
      });
      expect(home.assignment.restEndsAt).toBe(new Date(time.now().getTime() + 6 * HOUR).toISOString());
    } finally {
      await handle.db.update(provinces).set({ restHours: province!.restHours }).where(eq(provinces.code, '62'));
    }
  });

  it('counts hours on duty per person and per team, and flags 12 hours on site', async () => {
    const { request, coordinator, team, time } = await teamOnSite(2);
    time.advance(13 * HOUR);
    const progress = await requestProgress({ ctx: coordinator, input: { requestId: request.id } });
    const now = time.now().getTime();
    for (const entry of progress.volunteers) {
      expect(wholeHours(dutyMs(entry, now)!)).toBe(13);
      expect(longOnSite(entry, now)).toBe(true);
    }
    const duty = teamDuty(progress.volunteers, now);
    expect(wholeHours(duty.totalMs)).toBe(26);
    expect(wholeHours(duty.longestMs)).toBe(13);
    // The command centre names them, in amber, and no one who arrived less than 12 hours ago.
    const live = await readLive(handle.db, coordinator.actor, { kind: 'province', provinceCode: '62' }, time.now());
    const flagged = live.longOnSite.filter((entry) => entry.incidentId === progress.request.incidentId);
    expect(flagged.map((entry) => entry.name).sort()).toEqual(team.map((member) => member.volunteer.name).sort());
    const earlier = await readLive(
      handle.db,
      coordinator.actor,
      { kind: 'province', provinceCode: '62' },
      new Date(now - 2 * HOUR),
    );
    expect(earlier.longOnSite.filter((entry) => entry.incidentId === progress.request.incidentId)).toEqual([]);
    // The phone sees the same clock.
    const own = await volunteerAssignments({ ctx: team[0]!.phone, input: {} });
    const mine = own.find((item) => item.assignment.id === team[0]!.offer.id)!;
    expect(wholeHours(dutyMs(mine.assignment, now)!)).toBe(13);
    // A planned end of shift set on the request reaches the phone.
    const ends = new Date(now + HOUR);
    await changeRequest({ ctx: coordinator, input: { requestId: request.id, shiftEndsAt: ends.toISOString() } });
    const after = await volunteerAssignments({ ctx: team[0]!.phone, input: {} });
    expect(after.find((item) => item.assignment.id === team[0]!.offer.id)!.request.shiftEndsAt).toBe(
      ends.toISOString(),
    );
  });

  it('the leaders’ board counts on duty, relieved today and back home today', async () => {
    const time = clock();
    const leader = actorContext(handle, actors.leader('62'), time.now);
    const { incident, request, coordinator, team } = await teamOnSite(2);
    const before = (await loadBoard({ ctx: leader, input: { provinceCode: '62' } })).relief;
    const relief = await askRelief(actorContext(handle, coordinator.actor, time.now), incident, request.id, 1);
    for (const member of [...team, ...relief.crew]) member.phone.now = time.now;
    await walk(relief.crew[0]!.phone, relief.crew[0]!.offer.id, 'on_site');
    await reportStatus({
      ctx: team[0]!.phone,
      input: { assignmentId: team[0]!.offer.id, from: 'relieved', status: 'returned' },
    });
    const after = (await loadBoard({ ctx: leader, input: { provinceCode: '62' } })).relief;
    // Two on site became one relief on site; two relieved, one of them home.
    expect(after.onDuty - before.onDuty).toBe(-1);
    expect(after.relievedToday - before.relievedToday).toBe(2);
    expect(after.returnedToday - before.returnedToday).toBe(1);
  });
});
