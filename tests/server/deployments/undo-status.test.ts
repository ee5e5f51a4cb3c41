import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { ASSIGNMENT_EVENTS, ASSIGNMENT_UNDONE } from '../../../lib/dispatch';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { reportStatus } from '../../../server/deployments/report-status';
import { undoStatus } from '../../../server/deployments/undo-status';
import { incidentTimeline } from '../../../server/incidents/queries';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  assignmentRow,
  expectDomainError,
  openRequest,
  volunteerRow,
} from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

/** A volunteer who accepted, with a phone whose clock the test moves. */
async function acceptedVolunteer() {
  const { request, incident, crew, coordinator } = await openRequest(handle, { slots: 2, offered: 2 });
  const [mine, other] = crew as [(typeof crew)[number], (typeof crew)[number]];
  let clock = new Date();
  const phone = actorContext(handle, actors.volunteer(mine.volunteer), () => clock);
  await acceptOffer({ ctx: phone, input: { assignmentId: mine.offer.id } });
  return {
    request,
    incident,
    coordinator,
    mine,
    other,
    phone,
    later: (ms: number) => (clock = new Date(clock.getTime() + ms)),
  };
}

describe('reportStatus with the status it moves from', () => {
  it('refuses a report from a status the assignment has left, so a repeated tap skips nothing', async () => {
    const { mine, phone } = await acceptedVolunteer();
    const input = { assignmentId: mine.offer.id, from: 'accepted', status: 'en_route' } as const;
    await reportStatus({ ctx: phone, input: { ...input, idempotencyKey: 'tap-1' } });

    // The same tap again, with a new key (the phone's second tap): refused, not recorded twice.
    const again = await expectDomainError(
      reportStatus({ ctx: phone, input: { ...input, idempotencyKey: 'tap-2' } }),
      'CONFLICT',
    );
    expect(again.message).toBe('Penugasan ini sudah berstatus "Berangkat".');
    // "Tiba" claimed from "Diterima" — what a phone that missed a change would send — is refused too.
    const stale = await expectDomainError(
      reportStatus({ ctx: phone, input: { assignmentId: mine.offer.id, from: 'accepted', status: 'on_site' } }),
      'CONFLICT',
    );
    expect(stale.details).toEqual({ from: ['Status sekarang "Berangkat".'] });
    expect((await assignmentRow(handle.db, mine.offer.id)).status).toBe('en_route');
  });

  it('asks for the status it moves from', async () => {
    const { mine, phone } = await acceptedVolunteer();
    const refused = await expectDomainError(
      reportStatus({ ctx: phone, input: { assignmentId: mine.offer.id, status: 'en_route' } }),
      'INVALID',
    );
    expect(refused.details).toHaveProperty('from');
  });
});

describe('undoStatus ("Urungkan")', () => {
  it('takes a report back within 60 s with its own event, and the timeline shows both', async () => {
    const { mine, phone, incident, coordinator, later } = await acceptedVolunteer();
    await reportStatus({ ctx: phone, input: { assignmentId: mine.offer.id, from: 'accepted', status: 'en_route' } });
    later(45_000);
    phone.published.length = 0;

    const answer = await undoStatus({
      ctx: phone,
      input: { assignmentId: mine.offer.id, status: 'en_route', idempotencyKey: 'u1' },
    });

    expect(answer.assignment).toMatchObject({ status: 'accepted', departedAt: null });
    expect(phone.published).toEqual([
      expect.objectContaining({
        type: ASSIGNMENT_UNDONE,
        volunteerId: mine.volunteer.id,
        incidentId: incident.id,
        payload: expect.objectContaining({ assignmentId: mine.offer.id, from: 'en_route', to: 'accepted' }),
      }),
    ]);
    // A retry of the same undo is the same undo.
    expect(
      await undoStatus({
        ctx: phone,
        input: { assignmentId: mine.offer.id, status: 'en_route', idempotencyKey: 'u1' },
      }),
    ).toEqual(answer);
    const { entries } = await incidentTimeline({ ctx: coordinator, input: { incidentId: incident.id } });
    const mineOnly = entries.filter((entry) => entry.payload.assignmentId === mine.offer.id).map((entry) => entry.type);
    // The offer was the wave's one event for both volunteers; from the accept on, the assignment's own.
    expect(mineOnly).toEqual([ASSIGNMENT_EVENTS.accepted, ASSIGNMENT_EVENTS.en_route, ASSIGNMENT_UNDONE]);
    // The volunteer can leave again afterwards.
    await reportStatus({ ctx: phone, input: { assignmentId: mine.offer.id, from: 'accepted', status: 'en_route' } });
    expect((await assignmentRow(handle.db, mine.offer.id)).status).toBe('en_route');
  });

  it('refuses after 60 s, and leaves the report as it was', async () => {
    const { mine, phone, later } = await acceptedVolunteer();
    await reportStatus({ ctx: phone, input: { assignmentId: mine.offer.id, from: 'accepted', status: 'en_route' } });
    later(61_000);
    const refused = await expectDomainError(
      undoStatus({ ctx: phone, input: { assignmentId: mine.offer.id, status: 'en_route' } }),
      'CONFLICT',
    );
    expect(refused.message).toContain('60 detik');
    expect((await assignmentRow(handle.db, mine.offer.id)).status).toBe('en_route');
  });

  it('refuses another volunteer', async () => {
    const { mine, other, phone } = await acceptedVolunteer();
    await reportStatus({ ctx: phone, input: { assignmentId: mine.offer.id, from: 'accepted', status: 'en_route' } });
    const stranger = actorContext(handle, actors.volunteer(other.volunteer));
    await expectDomainError(
      undoStatus({ ctx: stranger, input: { assignmentId: mine.offer.id, status: 'en_route' } }),
      'FORBIDDEN',
    );
    expect((await assignmentRow(handle.db, mine.offer.id)).status).toBe('en_route');
  });

  it('refuses when the status shown is no longer the current one', async () => {
    const { mine, phone } = await acceptedVolunteer();
    await reportStatus({ ctx: phone, input: { assignmentId: mine.offer.id, from: 'accepted', status: 'en_route' } });
    await expectDomainError(
      undoStatus({ ctx: phone, input: { assignmentId: mine.offer.id, status: 'on_site' } }),
      'CONFLICT',
    );
  });

  it('undoing "Selesai" puts the volunteer on duty again', async () => {
    const { mine, phone, later } = await acceptedVolunteer();
    const id = mine.offer.id;
    await reportStatus({ ctx: phone, input: { assignmentId: id, from: 'accepted', status: 'en_route' } });
    await reportStatus({ ctx: phone, input: { assignmentId: id, from: 'en_route', status: 'on_site' } });
    await reportStatus({ ctx: phone, input: { assignmentId: id, from: 'on_site', status: 'completed' } });
    expect((await volunteerRow(handle.db, mine.volunteer.id)).availability).toBe('available');
    later(10_000);
    const answer = await undoStatus({ ctx: phone, input: { assignmentId: id, status: 'completed' } });
    expect(answer.assignment).toMatchObject({ status: 'on_site', completedAt: null });
    expect((await volunteerRow(handle.db, mine.volunteer.id)).availability).toBe('deployed');
  });
});
