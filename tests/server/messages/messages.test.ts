import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { events } from '../../../db/schema';
import { MESSAGE_EVENTS } from '../../../lib/messaging';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { markMessage } from '../../../server/messages/mark-message';
import { incidentMessages, messageView, ownMessages } from '../../../server/messages/queries';
import { replyMessage } from '../../../server/messages/reply-message';
import { sendMessage } from '../../../server/messages/send-message';
import { writeToPosko } from '../../../server/messages/write-to-posko';
import { incidentTimeline } from '../../../server/incidents/queries';
import { openTestDatabase } from '../../support/database';
import { asStored } from '../../support/domain';
import {
  actorContext,
  actors,
  addVolunteers,
  eventCount,
  expectDomainError,
  openRequest,
} from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

async function deployedTeam(regencyCode: string, team: number, waiting = 0) {
  const opened = await openRequest(handle, { regencyCode, slots: team, offered: team + waiting });
  for (const { volunteer, offer } of opened.crew.slice(0, team)) {
    await acceptOffer({ ctx: actorContext(handle, actors.volunteer(volunteer)), input: { assignmentId: offer.id } });
  }
  const phones = opened.crew.map(({ volunteer }) => actorContext(handle, actors.volunteer(volunteer)));
  return { ...opened, phones };
}

const now = () => new Date().toISOString();

describe('sendMessage', () => {
  it("reaches a request's team with one addressed event each, the text on the phone and in the timeline", async () => {
    const { request, incident, coordinator, crew } = await deployedTeam('62.03', 3, 2);
    coordinator.published.length = 0;

    const sent = await sendMessage({
      ctx: coordinator,
      input: { to: { requestId: request.id }, body: 'Kumpul di posko jam 16.00' },
    });

    expect(sent.recipients).toBe(3);
    const addressed = coordinator.published.filter((event) => event.type === MESSAGE_EVENTS.addressed);
    expect(addressed).toHaveLength(3);
    expect(addressed[0]!.payload).toMatchObject({ messageId: sent.id, body: 'Kumpul di posko jam 16.00' });
    const inbox = await ownMessages(handle.db, crew[0]!.volunteer.id, new Date());
    expect(inbox[0]).toMatchObject({ id: sent.id, body: 'Kumpul di posko jam 16.00', deliveredAt: null });
    const { entries } = await incidentTimeline({ ctx: coordinator, input: { incidentId: incident.id } });
    expect(entries.find((entry) => entry.type === MESSAGE_EVENTS.sent)?.payload.body).toBe('Kumpul di posko jam 16.00');
    // What the phones and the incident page were told is exactly what the log keeps.
    const stored = await handle.db
      .select()
      .from(events)
      .where(
        inArray(
          events.id,
          coordinator.published.map((event) => event.id),
        ),
      )
      .orderBy(events.id);
    expect(stored).toEqual(asStored(coordinator.published));
  });

  it("keeps a message's lines, and refuses an empty or broken text without writing anything", async () => {
    const { request, coordinator, crew } = await deployedTeam('62.03', 1);
    const sent = await sendMessage({
      ctx: coordinator,
      input: { to: { requestId: request.id }, body: '  Kumpul di dermaga\r\nBawa pelampung\u200b ' },
    });
    const inbox = await ownMessages(handle.db, crew[0]!.volunteer.id, new Date());
    expect(inbox.find((message) => message.id === sent.id)?.body).toBe('Kumpul di dermaga\nBawa pelampung');
    const before = await eventCount(handle.db);
    const said = async (body: string) =>
      (
        await expectDomainError(
          sendMessage({ ctx: coordinator, input: { to: { requestId: request.id }, body } }),
          'INVALID',
        )
      ).details?.body;
    expect(await said('\u200b \u200d')).toEqual(['Tulis pesannya dulu.']);
    expect((await said('Kumpul\u0000 di posko'))?.[0]).toMatch(/^Pesan berisi karakter kendali/);
    expect(await eventCount(handle.db)).toBe(before);
  });

  it('"ingatkan" goes to those who have not answered the offer; an incident reaches everyone deployed on it', async () => {
    const { request, incident, coordinator } = await deployedTeam('62.04', 2, 3);
    const pending = await sendMessage({
      ctx: coordinator,
      input: { to: { requestId: request.id, pending: true }, body: 'Mohon jawab tawarannya' },
    });
    expect(pending.recipients).toBe(3);
    const all = await sendMessage({ ctx: coordinator, input: { to: { incidentId: incident.id }, body: 'Apel sore' } });
    expect(all.recipients).toBe(2);
    expect((await messageView({ ctx: coordinator, input: { messageId: pending.id } })).audience).toBe('pending');
  });

  it('hand-picked volunteers must be in scope and in one province', async () => {
    const [own] = await addVolunteers(handle.db, { regencyCode: '62.05', count: 1 });
    const [far] = await addVolunteers(handle.db, { regencyCode: '63.01', count: 1 });
    const coordinator = actorContext(handle, actors.coordinator('62'));
    const sent = await sendMessage({
      ctx: coordinator,
      input: { to: { volunteerIds: [own!.id, own!.id] }, body: 'Halo' },
    });
    expect(sent.recipients).toBe(1);
    await expectDomainError(
      sendMessage({ ctx: coordinator, input: { to: { volunteerIds: [own!.id, far!.id] }, body: 'Halo' } }),
      'FORBIDDEN',
    );
    const mixed = await expectDomainError(
      sendMessage({
        ctx: actorContext(handle, actors.admin()),
        input: { to: { volunteerIds: [own!.id, far!.id] }, body: 'Halo' },
      }),
      'INVALID',
    );
    expect(mixed.message).toContain('satu provinsi');
  });

  it('refuses another province, a leader, bad targets and an empty body without writing anything', async () => {
    const { request, incident } = await deployedTeam('62.06', 1);
    const before = await eventCount(handle.db);
    await expectDomainError(
      sendMessage({
        ctx: actorContext(handle, actors.coordinator('63')),
        input: { to: { requestId: request.id }, body: 'x' },
      }),
      'FORBIDDEN',
    );
    await expectDomainError(
      sendMessage({
        ctx: actorContext(handle, actors.leader('62')),
        input: { to: { incidentId: incident.id }, body: 'x' },
      }),
      'FORBIDDEN',
    );
    const ctx = actorContext(handle, actors.coordinator('62'));
    const two = await expectDomainError(
      sendMessage({ ctx, input: { to: { requestId: request.id, incidentId: incident.id }, body: 'x' } }),
      'INVALID',
    );
    expect(two.details?.['to.requestId']?.[0]).toContain('tepat satu');
    const empty = await expectDomainError(
      sendMessage({ ctx, input: { to: { requestId: request.id }, body: '  ' } }),
      'INVALID',
    );
    expect(empty.details?.body).toEqual(['Tulis pesannya dulu.']);
    await expectDomainError(
      sendMessage({ ctx, input: { to: { incidentId: incident.id, pending: true }, body: 'x' } }),
      'INVALID',
    );
    expect(await eventCount(handle.db)).toBe(before);
  });
});

describe('delivered, read and replied', () => {
  it('counts each state once per person, a reply counting as read, with the coordinator seeing who did what', async () => {
    const { request, coordinator, phones } = await deployedTeam('62.07', 3);
    const { id } = await sendMessage({
      ctx: coordinator,
      input: { to: { requestId: request.id }, body: 'Siap berangkat?' },
    });
    const [a, b, c] = phones;

    for (const phone of [a!, b!, c!]) await markMessage({ ctx: phone, input: { messageId: id }, state: 'delivered' });
    await markMessage({ ctx: a!, input: { messageId: id }, state: 'delivered' });
    await markMessage({ ctx: a!, input: { messageId: id, idempotencyKey: 'baca-a' }, state: 'read' });
    await markMessage({ ctx: a!, input: { messageId: id, idempotencyKey: 'baca-a' }, state: 'read' });
    const repliedAt = new Date();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const reply = await replyMessage({
      ctx: b!,
      input: { messageId: id, quickReply: 'ready', text: 'Lima menit lagi', repliedAt: repliedAt.toISOString() },
    });
    expect(reply).toMatchObject({ quickReply: 'ready', reply: 'Lima menit lagi', repliedAt: repliedAt.toISOString() });
    expect(reply.readAt).not.toBeNull();

    const view = await messageView({ ctx: coordinator, input: { messageId: id } });
    expect(view).toMatchObject({ delivered: 3, read: 2, replied: 1, body: 'Siap berangkat?' });
    const states = [a, b, c].map((phone) => {
      const volunteerId = phone!.actor.role === 'volunteer' ? phone!.actor.volunteerId : '';
      const copy = view.recipients.find((person) => person.volunteerId === volunteerId)!;
      return [!!copy.deliveredAt, !!copy.readAt, copy.quickReply];
    });
    expect(states).toEqual([
      [true, true, null],
      [true, true, 'ready'],
      [true, false, null],
    ]);
    const published = [a!, b!, c!].flatMap((phone) => phone.published.map((event) => event.type));
    expect(published.filter((type) => type === MESSAGE_EVENTS.delivered)).toHaveLength(3);
    expect(published.filter((type) => type === MESSAGE_EVENTS.read)).toHaveLength(2);
  });

  it('refuses a volunteer who did not receive the message, a coordinator marking it, and a reply with nothing in it', async () => {
    const { request, coordinator } = await deployedTeam('62.08', 1);
    const other = await deployedTeam('62.08', 1);
    const { id } = await sendMessage({ ctx: coordinator, input: { to: { requestId: request.id }, body: 'Halo tim' } });
    const stranger = other.phones[0]!;
    const refused = await expectDomainError(
      replyMessage({ ctx: stranger, input: { messageId: id, quickReply: 'ready', repliedAt: now() } }),
      'FORBIDDEN',
    );
    expect(refused.message).toBe('Pesan ini bukan untuk Anda.');
    await expectDomainError(markMessage({ ctx: stranger, input: { messageId: id }, state: 'read' }), 'FORBIDDEN');
    await expectDomainError(markMessage({ ctx: coordinator, input: { messageId: id }, state: 'read' }), 'FORBIDDEN');
    const blank = await expectDomainError(
      replyMessage({ ctx: stranger, input: { messageId: id, text: ' ', repliedAt: now() } }),
      'INVALID',
    );
    expect(blank.details?.text?.[0]).toContain('jawaban cepat');
    await expectDomainError(
      markMessage({ ctx: stranger, input: { messageId: crypto.randomUUID() }, state: 'delivered' }),
      'NOT_FOUND',
    );
  });
});

describe('writeToPosko', () => {
  it("a volunteer on an assignment writes to the posko; the incident's messages keep it", async () => {
    const { incident, crew, phones } = await deployedTeam('62.09', 1, 1);
    const written = await writeToPosko({
      ctx: phones[0]!,
      input: { assignmentId: crew[0]!.offer.id, body: 'Perahu karet bocor', writtenAt: now() },
    });
    const list = await incidentMessages(handle.db, incident.id);
    expect(list[0]).toMatchObject({ id: written.messageId, audience: 'posko', body: 'Perahu karet bocor' });
    expect(list[0]!.fromVolunteer?.id).toBe(crew[0]!.volunteer.id);
    await expectDomainError(
      writeToPosko({ ctx: phones[1]!, input: { assignmentId: crew[0]!.offer.id, body: 'x', writtenAt: now() } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      writeToPosko({ ctx: phones[1]!, input: { assignmentId: crew[1]!.offer.id, body: 'x', writtenAt: now() } }),
      'CONFLICT',
    );
  });
});
