import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { assignments, deploymentRequests, events, regencies, volunteers } from '../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../lib/dispatch';
import { loadBoard, type BoardData } from '../../server/board/queries';
import { acceptOffer } from '../../server/deployments/accept-offer';
import { cancelRequest } from '../../server/deployments/cancel-request';
import { reportStatus } from '../../server/deployments/report-status';
import { changeIncidentPhase } from '../../server/incidents/change-incident-phase';
import { AVAILABILITY_CHANGED, setVolunteerAvailability } from '../../server/volunteers/set-availability';
import { openTestDatabase } from '../support/database';
import { actorContext, actors, addIncident, addVolunteers, expectDomainError, openRequest } from '../support/dispatch';

let handle: DatabaseHandle;
let board6: BoardData;
let board24: BoardData;
let closedIncidentId: string;
let cancelledOffers: number;

/** Moves everything written so far `hours` into the past, as if it had happened then. */
async function age(hours: number): Promise<void> {
  const shift = (table: string, columns: string[]) =>
    handle.db.execute(
      sql.raw(
        `update ${table} set ${columns.map((column) => `${column} = ${column} - interval '${hours} hours'`).join(', ')}`,
      ),
    );
  await shift('volunteers', ['created_at', 'updated_at', 'availability_changed_at']);
  await shift('incidents', ['occurred_at', 'closed_at', 'created_at', 'updated_at']);
  await shift('deployment_requests', ['created_at', 'updated_at', 'deadline']);
  await shift('assignments', ['offered_at', 'responded_at', 'departed_at', 'arrived_at', 'completed_at', 'updated_at']);
  await shift('events', ['created_at']);
}

const boardFor = (compareHours: number, actor = actors.leader('62')) =>
  loadBoard({ ctx: actorContext(handle, actor), input: { provinceCode: '62', compareHours } });

beforeAll(async () => {
  handle = await openTestDatabase('reference');
  const answer = (volunteer: Parameters<typeof actors.volunteer>[0]) =>
    actorContext(handle, actors.volunteer(volunteer));

  // Ten hours ago: a Kapuas flood whose request for two filled (one volunteer on site by now), a
  // Pulang Pisau incident registered and closed, three more Pulang Pisau volunteers (one not on standby).
  const first = await openRequest(handle, { regencyCode: '62.03', slots: 2, offered: 3 });
  for (const { volunteer, offer } of first.crew.slice(0, 2)) {
    await acceptOffer({ ctx: answer(volunteer), input: { assignmentId: offer.id } });
  }
  const [arriving] = first.crew;
  await reportStatus({
    ctx: answer(arriving!.volunteer),
    input: { assignmentId: arriving!.offer.id, from: 'accepted', status: 'en_route' },
  });
  await reportStatus({
    ctx: answer(arriving!.volunteer),
    input: { assignmentId: arriving!.offer.id, from: 'en_route', status: 'on_site' },
  });
  const closed = await addIncident(handle, '62.11');
  closedIncidentId = closed.id;
  await changeIncidentPhase({
    ctx: actorContext(handle, actors.coordinator('62')),
    input: { incidentId: closed.id, phase: 'closed' },
  });
  const waiting = await openRequest(handle, { regencyCode: '62.06', slots: 2, offered: 2 });
  const pulangPisau = await addVolunteers(handle.db, { regencyCode: '62.11', count: 2 });
  await addVolunteers(handle.db, { regencyCode: '62.11', count: 1, availability: 'unavailable' });
  await age(10);
  // Known durations: the request filled 40 minutes after it was made, the arrival came 50 minutes after the accept.
  await handle.db
    .update(deploymentRequests)
    .set({ createdAt: sql`${deploymentRequests.createdAt} - interval '40 minutes'` })
    .where(eq(deploymentRequests.id, first.request.id));
  await handle.db
    .update(assignments)
    .set({ arrivedAt: sql`${assignments.respondedAt} + interval '50 minutes'` })
    .where(eq(assignments.id, arriving!.offer.id));
  // The closed incident's own events are older than the timeline reaches.
  await handle.db
    .update(events)
    .set({ createdAt: sql`${events.createdAt} - interval '3 hours'` })
    .where(eq(events.incidentId, closed.id));

  // Now: the request still waiting since then is cancelled; a second Kapuas flood asks for three and
  // gets one; a third request is made and cancelled; a Pulang Pisau volunteer goes off standby.
  await cancelRequest({ ctx: waiting.coordinator, input: { requestId: waiting.request.id } });
  const second = await openRequest(handle, { regencyCode: '62.03', slots: 3, offered: 4 });
  await acceptOffer({ ctx: answer(second.crew[0]!.volunteer), input: { assignmentId: second.crew[0]!.offer.id } });
  const third = await openRequest(handle, { regencyCode: '62.11', slots: 1, offered: 3 });
  cancelledOffers = third.crew.length;
  await cancelRequest({ ctx: third.coordinator, input: { requestId: third.request.id, reason: 'Sudah ditangani' } });
  await setVolunteerAvailability({
    ctx: actorContext(handle, actors.coordinator('62')),
    input: { volunteerId: pulangPisau[0]!.id, availability: 'unavailable' },
  });

  [board6, board24] = [await boardFor(6), await boardFor(24)];
});
afterAll(async () => {
  await handle?.close();
});

async function countInProvince(availability: 'available' | 'deployed'): Promise<number> {
  const [row] = await handle.db
    .select({ n: count() })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(and(eq(regencies.provinceCode, '62'), eq(volunteers.availability, availability)));
  return row!.n;
}

describe('the leaders board figures', () => {
  it('counts volunteers on standby and deployed now exactly as the roster says, and as they were six hours ago', async () => {
    expect(board6.figures.available).toEqual({ now: await countInProvince('available'), then: 5 });
    expect(board6.figures.deployed).toEqual({ now: await countInProvince('deployed'), then: 2 });
    expect(board6.figures.available.now).toBe(10);
    const [newest] = await handle.db
      .select({ id: events.id })
      .from(events)
      .orderBy(sql`${events.id} desc`)
      .limit(1);
    expect(board6.position, 'the log position the figures were read at').toBe(newest!.id);
    expect(board6.figures.deployed.now).toBe(3);
  });

  it('counts open incidents and unfilled requests now and then, with the places still missing', () => {
    expect(board6.figures.openIncidents).toEqual({ now: 4, then: 2 });
    // Six hours ago the request cancelled since was still waiting; the one that filled was not.
    expect(board6.figures.unfilledRequests).toEqual({ now: 1, then: 1, missingVolunteers: 2 });
  });

  it('takes the median from request to full and from accept to arrival over the last 24 hours', () => {
    const { requestToFull, acceptToArrival } = board6.figures;
    expect(requestToFull.nowCases).toBe(1);
    expect(requestToFull.now).toBeGreaterThanOrEqual(40 * 60);
    expect(requestToFull.now).toBeLessThan(41 * 60);
    expect(requestToFull.then).toBe(requestToFull.now);
    expect(acceptToArrival).toEqual({ now: 50 * 60, nowCases: 1, then: 50 * 60, thenCases: 1 });
  });

  it('compares with a day ago: nobody was on the roster yet and no median had any case', () => {
    expect(board24.compareHours).toBe(24);
    expect(board24.figures.available).toEqual({ now: 10, then: 0 });
    expect(board24.figures.deployed).toEqual({ now: 3, then: 0 });
    expect(board24.figures.openIncidents).toEqual({ now: 4, then: 0 });
    expect(board24.figures.unfilledRequests).toEqual({ now: 1, then: 0, missingVolunteers: 2 });
    expect(board24.figures.requestToFull).toMatchObject({ then: null, thenCases: 0 });
    expect(board24.figures.acceptToArrival).toMatchObject({ then: null, thenCases: 0 });
  });

  it('charts every kabupaten/kota of the province with the same totals as the figures', () => {
    expect(board6.regencies).toHaveLength(14);
    const kapuas = board6.regencies.find((regency) => regency.code === '62.03')!;
    const pulangPisau = board6.regencies.find((regency) => regency.code === '62.11')!;
    expect([kapuas.available, kapuas.deployed]).toEqual([4, 3]);
    expect([pulangPisau.available, pulangPisau.deployed, pulangPisau.unavailable]).toEqual([4, 0, 2]);
    expect(board6.regencies.reduce((sum, regency) => sum + regency.available, 0)).toBe(board6.figures.available.now);
  });

  it('lists the running requests with who took a place', () => {
    expect(board6.requests.map((request) => [request.slots, request.acceptedCount, request.people.length])).toEqual([
      [3, 1, 1],
      [2, 2, 2],
    ]);
  });
});

describe('the leaders board timeline', () => {
  it('shows the last hours newest first, without offers or availability echoes, bursts folded into one line', async () => {
    const { timeline } = board6;
    const ids = timeline.map((line) => line.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const types = timeline.map((line) => line.type);
    expect(types).not.toContain(ASSIGNMENT_EVENTS.offered);
    expect(types).not.toContain(AVAILABILITY_CHANGED);
    const cancelled = timeline.filter((line) => line.type === ASSIGNMENT_EVENTS.cancelled);
    expect(cancelled.map((line) => line.count)).toEqual([cancelledOffers, 2]);
    expect(types).toContain(REQUEST_EVENTS.cancelled);
    expect(types.filter((type) => type === REQUEST_EVENTS.filled)).toHaveLength(1);
    const accepted = timeline.filter((line) => line.type === ASSIGNMENT_EVENTS.accepted);
    expect(accepted).toHaveLength(3);
    expect(accepted.every((line) => line.volunteerName?.startsWith('Relawan Uji'))).toBe(true);
    // Older than twelve hours: the closed incident's lines are gone.
    expect(timeline.some((line) => line.incidentId === closedIncidentId)).toBe(false);
    const [offered] = await handle.db
      .select({ n: count() })
      .from(events)
      .where(inArray(events.type, [ASSIGNMENT_EVENTS.offered]));
    expect(offered!.n).toBeGreaterThan(0);
  });
});

describe('who may read the board', () => {
  it('is for the province’s staff and leaders and admins; others are refused; bad input says what is wrong', async () => {
    await expect(boardFor(6, actors.coordinator('62', '62.03'))).resolves.toMatchObject({ province: { code: '62' } });
    await expect(boardFor(6, actors.admin())).resolves.toMatchObject({
      province: { name: 'Kalimantan Tengah', timeZone: 'Asia/Jakarta' },
    });
    await expectDomainError(boardFor(6, actors.leader('32')), 'FORBIDDEN');
    const [volunteer] = await addVolunteers(handle.db, { regencyCode: '62.03', count: 1 });
    await expectDomainError(boardFor(6, actors.volunteer(volunteer!)), 'FORBIDDEN');
    const admin = actorContext(handle, actors.admin());
    const invalid = await expectDomainError(loadBoard({ ctx: admin, input: { provinceCode: '6' } }), 'INVALID');
    expect(invalid.message).toBeTruthy();
    await expectDomainError(loadBoard({ ctx: admin, input: { provinceCode: '62', compareHours: 7 } }), 'INVALID');
    await expectDomainError(loadBoard({ ctx: admin, input: { provinceCode: '99' } }), 'NOT_FOUND');
  });
});
