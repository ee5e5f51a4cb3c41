import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { checkAssignmentMove } from '../../../lib/assignment-state';
import { ASSIGNMENT_EVENTS } from '../../../lib/dispatch';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../../lib/domain';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { cancelAssignment } from '../../../server/deployments/cancel-assignment';
import { declineOffer } from '../../../server/deployments/decline-offer';
import { expireOffers } from '../../../server/deployments/expire-offers';
import { reportStatus } from '../../../server/deployments/report-status';
import { withdrawAssignment } from '../../../server/deployments/withdraw-assignment';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { assignments, deploymentRequests, incidents } from '../../../db/schema';
import { eq } from 'drizzle-orm';
import type { ActorContext } from '../../../server/auth/actor';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  addVolunteers,
  assignmentRow,
  eventCount,
  expectDomainError,
  inHours,
  openRequest,
  uniqueSkill,
} from '../../support/dispatch';
import { testContext } from '../../support/domain';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

/** Each verb a phone or a coordinator can send about one assignment, and the status it aims at. */
const MOVES = {
  accept: { to: 'accepted', run: (ctx: ActorContext, id: string) => acceptOffer({ ctx, input: { assignmentId: id } }) },
  decline: {
    to: 'declined',
    run: (ctx: ActorContext, id: string) => declineOffer({ ctx, input: { assignmentId: id, reason: 'Sakit' } }),
  },
  withdraw: {
    to: 'withdrawn',
    run: (ctx: ActorContext, id: string) => withdrawAssignment({ ctx, input: { assignmentId: id } }),
  },
  depart: {
    to: 'en_route',
    run: (ctx: ActorContext, id: string) =>
      reportStatus({ ctx, input: { assignmentId: id, from: 'accepted', status: 'en_route' } }),
  },
  arrive: {
    to: 'on_site',
    run: (ctx: ActorContext, id: string) =>
      reportStatus({ ctx, input: { assignmentId: id, from: 'en_route', status: 'on_site', lat: -2.2, lng: 113.9 } }),
  },
  complete: {
    to: 'completed',
    run: (ctx: ActorContext, id: string) =>
      reportStatus({ ctx, input: { assignmentId: id, from: 'on_site', status: 'completed' } }),
  },
  return: {
    to: 'returned',
    run: (ctx: ActorContext, id: string) =>
      reportStatus({ ctx, input: { assignmentId: id, from: 'relieved', status: 'returned' } }),
  },
  cancel: {
    to: 'cancelled',
    run: (ctx: ActorContext, id: string) =>
      cancelAssignment({ ctx, input: { assignmentId: id, reason: 'Salah orang' } }),
  },
} as const satisfies Record<string, { to: AssignmentStatus; run: (ctx: ActorContext, id: string) => Promise<unknown> }>;
type Move = keyof typeof MOVES;

/** The design, written out: which verb works from which status. Everything else must be refused. */
const LEGAL: Record<AssignmentStatus, Move[]> = {
  offered: ['accept', 'decline', 'cancel'],
  accepted: ['withdraw', 'depart', 'cancel'],
  en_route: ['arrive', 'cancel'],
  on_site: ['complete', 'cancel'],
  relieved: ['return'],
  returned: [],
  declined: [],
  expired: [],
  completed: [],
  withdrawn: [],
  cancelled: [],
};

/** How to bring a fresh offer to each status, through the verbs. */
const PATH: Record<AssignmentStatus, Move[]> = {
  offered: [],
  accepted: ['accept'],
  declined: ['decline'],
  expired: [],
  en_route: ['accept', 'depart'],
  on_site: ['accept', 'depart', 'arrive'],
  completed: ['accept', 'depart', 'arrive', 'complete'],
  withdrawn: ['accept', 'withdraw'],
  cancelled: ['cancel'],
  // A relief team's arrival moves on to "diganti" (see assignmentIn).
  relieved: ['accept', 'depart', 'arrive'],
  returned: ['accept', 'depart', 'arrive', 'return'],
};

async function assignmentIn(status: AssignmentStatus) {
  // Two places, so a full request never hides the move being tested.
  const deadline = status === 'expired' ? new Date(Date.now() + 60_000) : undefined;
  const { crew, coordinator, request } = await openRequest(handle, { slots: 2, offered: 1, deadline });
  const [{ volunteer, offer }] = crew as [(typeof crew)[number]];
  const phone = actorContext(handle, actors.volunteer(volunteer));
  for (const move of PATH[status]) {
    if (move === 'return') await relieve(coordinator, request.id);
    await MOVES[move].run(move === 'cancel' ? coordinator : phone, offer.id);
  }
  if (status === 'relieved') await relieve(coordinator, request.id);
  if (status === 'expired') {
    await expireOffers({ ctx: testContext(handle), now: new Date(deadline!.getTime() + 1_000) });
  }
  expect((await assignmentRow(handle.db, offer.id)).status).toBe(status);
  return { id: offer.id, phone, coordinator };
}

/** A relief team of one for the request arrives on site, which relieves the request's team. */
async function relieve(coordinator: ActorContext, requestId: string) {
  const [original] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, requestId));
  const [incident] = await handle.db.select().from(incidents).where(eq(incidents.id, original!.incidentId));
  const skill = uniqueSkill();
  const [volunteer] = await addVolunteers(handle.db, { regencyCode: incident!.regencyCode, count: 1, skills: [skill] });
  const { request } = await requestDeployment({
    ctx: coordinator,
    input: {
      incidentId: incident!.id,
      slots: 1,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: [incident!.regencyCode],
      meetingPoint: 'Halaman kantor Dinas Sosial',
      deadline: inHours(6).toISOString(),
      relievesRequestId: requestId,
    },
  });
  const [offer] = await handle.db.select().from(assignments).where(eq(assignments.requestId, request.id));
  const phone = actorContext(handle, actors.volunteer(volunteer!));
  for (const move of ['accept', 'depart', 'arrive'] as const) await MOVES[move].run(phone, offer!.id);
}

describe('every move from every status, through the verbs', () => {
  const cases = ASSIGNMENT_STATUSES.flatMap((from) =>
    (Object.keys(MOVES) as Move[]).map((move) => ({ from, move, legal: LEGAL[from].includes(move) })),
  );

  it.each(cases)('$from → $move: legal $legal', async ({ from, move, legal }) => {
    const { id, phone, coordinator } = await assignmentIn(from);
    const ctx = move === 'cancel' ? coordinator : phone;
    const target = MOVES[move].to;
    const before = await assignmentRow(handle.db, id);
    const eventsBefore = await eventCount(handle.db);
    const announcedBefore = ctx.published.length;

    if (legal) {
      await MOVES[move].run(ctx, id);
      expect((await assignmentRow(handle.db, id)).status).toBe(target);
      const announced = ctx.published.slice(announcedBefore);
      expect(announced.filter((event) => event.payload.assignmentId === id).map((event) => event.type)).toEqual([
        ASSIGNMENT_EVENTS[target],
      ]);
      return;
    }
    const error = await expectDomainError(MOVES[move].run(ctx, id), 'CONFLICT');
    const reason = checkAssignmentMove(from, target);
    expect(reason.ok).toBe(false);
    expect(error.message).toBe(reason.ok ? '' : reason.reason);
    expect(await assignmentRow(handle.db, id)).toEqual(before);
    expect(await eventCount(handle.db)).toBe(eventsBefore);
    expect(ctx.published).toHaveLength(announcedBefore);
  });
});
