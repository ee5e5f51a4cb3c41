import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { rollCallEntries } from '../../../db/schema';
import { ROLL_CALL_EVENTS } from '../../../lib/roll-calls';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { reportStatus } from '../../../server/deployments/report-status';
import { answerRollCall } from '../../../server/roll-calls/answer-roll-call';
import { callRollCall } from '../../../server/roll-calls/call-roll-call';
import { rollCallView } from '../../../server/roll-calls/queries';
import { remindRollCall } from '../../../server/roll-calls/remind-roll-call';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, eventCount, expectDomainError, openRequest } from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

/** A request in `regencyCode` with `team` volunteers who accepted (and `waiting` whose offer is open). */
async function deployedTeam(regencyCode: string, team: number, waiting = 0) {
  const opened = await openRequest(handle, { regencyCode, slots: team, offered: team + waiting });
  for (const { volunteer, offer } of opened.crew.slice(0, team)) {
    await acceptOffer({ ctx: actorContext(handle, actors.volunteer(volunteer)), input: { assignmentId: offer.id } });
  }
  return opened;
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('callRollCall', () => {
  it("reaches a request's team, one event for each phone, and counts everyone as waiting", async () => {
    const { request, incident, coordinator, crew } = await deployedTeam('62.06', 3, 1);
    coordinator.published.length = 0;

    const called = await callRollCall({ ctx: coordinator, input: { requestId: request.id } });

    expect(called.recipients).toBe(3);
    const asked = coordinator.published.filter((event) => event.type === ROLL_CALL_EVENTS.asked);
    expect(asked.map((event) => event.volunteerId).sort()).toEqual(
      crew
        .slice(0, 3)
        .map(({ volunteer }) => volunteer.id)
        .sort(),
    );
    expect(asked.every((event) => event.incidentId === incident.id)).toBe(true);
    const view = await rollCallView({ ctx: coordinator, input: { rollCallId: called.id } });
    expect(view).toMatchObject({ id: called.id, recipients: 3, answered: 0, needHelp: 0, waiting: 3 });
    expect(view.entries.every((entry) => entry.answer === null)).toBe(true);
  });

  it("covers an incident's deployed people and a kabupaten's, wherever they serve", async () => {
    const first = await deployedTeam('62.07', 2);
    const byIncident = await callRollCall({ ctx: first.coordinator, input: { incidentId: first.incident.id } });
    expect(byIncident.recipients).toBe(2);
    const byRegency = await callRollCall({ ctx: first.coordinator, input: { regencyCode: '62.07' } });
    expect(byRegency.recipients).toBeGreaterThanOrEqual(2);
    const view = await rollCallView({ ctx: first.coordinator, input: { rollCallId: byRegency.id } });
    expect(view.incidentId).toBeNull();
  });

  it('refuses a coordinator of another province or kabupaten, a leader, a second target and an empty roll', async () => {
    const { request, incident } = await deployedTeam('62.08', 1);
    const nobody = await openRequest(handle, { regencyCode: '62.08', slots: 1, offered: 1 });
    const before = await eventCount(handle.db);
    await expectDomainError(
      callRollCall({ ctx: actorContext(handle, actors.coordinator('63')), input: { requestId: request.id } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      callRollCall({
        ctx: actorContext(handle, actors.coordinator('62', '62.01')),
        input: { incidentId: incident.id },
      }),
      'FORBIDDEN',
    );
    await expectDomainError(
      callRollCall({ ctx: actorContext(handle, actors.leader('62')), input: { requestId: request.id } }),
      'FORBIDDEN',
    );
    const both = await expectDomainError(
      callRollCall({
        ctx: actorContext(handle, actors.coordinator('62')),
        input: { requestId: request.id, incidentId: incident.id },
      }),
      'INVALID',
    );
    expect(both.details?.requestId?.[0]).toContain('tepat satu');
    const empty = await expectDomainError(
      callRollCall({ ctx: nobody.coordinator, input: { requestId: nobody.request.id } }),
      'CONFLICT',
    );
    expect(empty.message).toContain('Belum ada relawan');
    expect(await eventCount(handle.db)).toBe(before);
  });
});

describe('answerRollCall', () => {
  it("keeps the phone's own time, counts help asked, and a retry with the same key is the same answer", async () => {
    const { request, coordinator, crew } = await deployedTeam('62.09', 3);
    const { id } = await callRollCall({ ctx: coordinator, input: { requestId: request.id } });
    const [a, b] = crew.map(({ volunteer }) => actorContext(handle, actors.volunteer(volunteer)));
    // Tapped just after the call reached the phone; the server hears it later.
    const tapped = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const first = await answerRollCall({
      ctx: a!,
      input: { rollCallId: id, answer: 'present', answeredAt: tapped.toISOString(), idempotencyKey: 'apel-1' },
    });
    const again = await answerRollCall({
      ctx: a!,
      input: { rollCallId: id, answer: 'present', answeredAt: tapped.toISOString(), idempotencyKey: 'apel-1' },
    });
    expect(again).toEqual(first);
    expect(first.answeredAt).toBe(tapped.toISOString());
    expect(a!.published.filter((event) => event.type === ROLL_CALL_EVENTS.answered)).toHaveLength(1);

    await answerRollCall({
      ctx: b!,
      input: { rollCallId: id, answer: 'need_help', note: 'Air naik', answeredAt: new Date().toISOString() },
    });
    const view = await rollCallView({ ctx: coordinator, input: { rollCallId: id } });
    expect(view).toMatchObject({ recipients: 3, answered: 2, needHelp: 1, waiting: 1 });
    expect(view.entries.find((entry) => entry.answer === 'need_help')?.note).toBe('Air naik');
  });

  it('an answer tapped offline before a newer one does not overwrite it; a time before the call is the call', async () => {
    const { request, coordinator, crew } = await deployedTeam('62.10', 1);
    const { id } = await callRollCall({ ctx: coordinator, input: { requestId: request.id } });
    const phone = actorContext(handle, actors.volunteer(crew[0]!.volunteer));
    await answerRollCall({
      ctx: phone,
      input: { rollCallId: id, answer: 'need_help', answeredAt: new Date().toISOString() },
    });
    const late = await answerRollCall({
      ctx: phone,
      input: { rollCallId: id, answer: 'present', answeredAt: minutesAgo(60).toISOString() },
    });
    expect(late.answer).toBe('need_help');
    const [entry] = await handle.db.select().from(rollCallEntries).where(eq(rollCallEntries.rollCallId, id));
    expect(entry!.answer).toBe('need_help');
    expect(entry!.answeredAt!.getTime()).toBeGreaterThanOrEqual(entry!.receivedAt!.getTime() - 5_000);
  });

  it('refuses a volunteer who was not called, a coordinator, and an unknown roll call', async () => {
    const { request, coordinator } = await deployedTeam('62.11', 1);
    const other = await deployedTeam('62.11', 1);
    const { id } = await callRollCall({ ctx: coordinator, input: { requestId: request.id } });
    const stranger = actorContext(handle, actors.volunteer(other.crew[0]!.volunteer));
    const refused = await expectDomainError(
      answerRollCall({
        ctx: stranger,
        input: { rollCallId: id, answer: 'present', answeredAt: new Date().toISOString() },
      }),
      'FORBIDDEN',
    );
    expect(refused.message).toBe('Apel ini bukan untuk Anda.');
    await expectDomainError(
      answerRollCall({
        ctx: coordinator,
        input: { rollCallId: id, answer: 'present', answeredAt: new Date().toISOString() },
      }),
      'FORBIDDEN',
    );
    await expectDomainError(
      answerRollCall({
        ctx: stranger,
        input: { rollCallId: crypto.randomUUID(), answer: 'present', answeredAt: new Date().toISOString() },
      }),
      'NOT_FOUND',
    );
    const bad = await expectDomainError(
      answerRollCall({ ctx: stranger, input: { rollCallId: id, answer: 'maybe', answeredAt: 'kemarin' } }),
      'INVALID',
    );
    expect(Object.keys(bad.details ?? {}).sort()).toEqual(['answer', 'answeredAt']);
  });
});

describe('remindRollCall', () => {
  it('asks again only those who have not answered, and refuses when everyone has', async () => {
    const { request, coordinator, crew } = await deployedTeam('62.12', 2);
    const { id } = await callRollCall({ ctx: coordinator, input: { requestId: request.id } });
    const [first, second] = crew.map(({ volunteer }) => volunteer);
    await answerRollCall({
      ctx: actorContext(handle, actors.volunteer(first!)),
      input: { rollCallId: id, answer: 'present', answeredAt: new Date().toISOString() },
    });
    coordinator.published.length = 0;
    await expectDomainError(
      remindRollCall({ ctx: actorContext(handle, actors.coordinator('63')), input: { rollCallId: id } }),
      'FORBIDDEN',
    );

    const reminded = await remindRollCall({ ctx: coordinator, input: { rollCallId: id } });

    expect(reminded.reminded).toBe(1);
    const asked = coordinator.published.filter((event) => event.type === ROLL_CALL_EVENTS.asked);
    expect(asked.map((event) => [event.volunteerId, event.payload.reminder])).toEqual([[second!.id, true]]);
    await answerRollCall({
      ctx: actorContext(handle, actors.volunteer(second!)),
      input: { rollCallId: id, answer: 'present', answeredAt: new Date().toISOString() },
    });
    await expectDomainError(remindRollCall({ ctx: coordinator, input: { rollCallId: id } }), 'CONFLICT');
    expect((await rollCallView({ ctx: coordinator, input: { rollCallId: id } })).remindedAt).not.toBeNull();
  });

  it('keeps people on site in the roll call after they move on', async () => {
    const { request, coordinator, crew } = await deployedTeam('62.13', 1);
    const phone = actorContext(handle, actors.volunteer(crew[0]!.volunteer));
    await reportStatus({
      ctx: phone,
      input: { assignmentId: crew[0]!.offer.id, from: 'accepted', status: 'en_route' },
    });
    const { recipients } = await callRollCall({ ctx: coordinator, input: { requestId: request.id } });
    expect(recipients).toBe(1);
  });
});
