import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_EVENTS } from '../../lib/dispatch';
import type { Ack, LiveEvent } from '../../lib/realtime';
import type { AssignmentAnswer } from '../../lib/dispatch';
import { getAppContext } from '../../server/context';
import { requestDeployment } from '../../server/deployments/request-deployment';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { actors, addIncident, addVolunteers, inHours, uniqueSkill } from '../support/dispatch';
import { connectClient, startRealtimeServer, type TestClient } from '../support/realtime';

let server: Awaited<ReturnType<typeof startRealtimeServer>>;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startRealtimeServer('demo');
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

/** A phone: a volunteer account with a connected socket that records every event it hears, and in which frame. */
async function phone(volunteerId: string) {
  const account: TestAccount = await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId });
  const socket = await connectClient(server.url, { cookie: account.cookie });
  clients.push(socket);
  const heard: LiveEvent[] = [];
  const frames: string[][] = [];
  socket.on('events:appended', (events) => {
    heard.push(...events);
    frames.push(events.map((event) => event.type));
  });
  return { account, socket, heard, frames };
}

const answer = (socket: TestClient, command: 'offer:accept' | 'offer:decline', input: object) =>
  socket.timeout(5_000).emitWithAck(command, input as never) as Promise<Ack<AssignmentAnswer>>;

describe('the dispatch loop over sockets', () => {
  it('pushes the offer to every matching phone, takes the first accept, and tells the other it is full', async () => {
    const skill = uniqueSkill();
    const crew = await addVolunteers(server.handle.db, { regencyCode: '62.03', count: 2, skills: [skill] });
    const [siti, budi] = await Promise.all(crew.map((volunteer) => phone(volunteer.id)));
    // A siaga volunteer of the same kabupaten without the skill: not offered, so it hears no offer.
    const [other] = await addVolunteers(server.handle.db, { regencyCode: '62.03', count: 1 });
    const bystander = await phone(other!.id);
    const coordinatorAccount = await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' });
    const coordinatorSocket = await connectClient(server.url, { cookie: coordinatorAccount.cookie });
    clients.push(coordinatorSocket);
    const atCoordinator: LiveEvent[] = [];
    coordinatorSocket.on('events:appended', (events) => atCoordinator.push(...events));

    // Kabupaten coordinators: of the source kabupaten (its people are offered) and of one not involved.
    const regencyListener = async (regencyCode: string) => {
      const account = await createTestAccount(server.handle.db, {
        role: 'coordinator',
        provinceCode: '62',
        regencyCode,
      });
      const socket = await connectClient(server.url, { cookie: account.cookie });
      clients.push(socket);
      const heard: LiveEvent[] = [];
      socket.on('events:appended', (events) => heard.push(...events));
      return { socket, heard };
    };
    const source = await regencyListener('62.03');
    const uninvolved = await regencyListener('62.11');

    const incident = await addIncident(server.handle, '62.06');
    const { request } = await requestDeployment({
      ctx: { ...getAppContext(), actor: actors.coordinator('62') },
      input: {
        incidentId: incident.id,
        slots: 1,
        pillarCodes: ['tagana'],
        skill,
        sourceRegencyCodes: ['62.03'],
        meetingPoint: 'Kantor Dinsos Kapuas',
        deadline: inHours(4).toISOString(),
      },
    });

    const offerTo = (listener: Awaited<ReturnType<typeof phone>>) =>
      listener.heard.find((event) => event.type === 'assignment.offered' && event.payload.requestId === request.id);
    await expect.poll(() => Boolean(offerTo(siti!) && offerTo(budi!)), { timeout: 2_000 }).toBe(true);
    // The wave is one event, heard once by each phone it offered the request to, and by no other phone.
    expect(siti!.heard.filter((event) => event.type === 'assignment.offered')).toHaveLength(1);
    expect(offerTo(siti!)!.payload).toMatchObject({ requestId: request.id, wave: 1, offered: 2 });
    const lastHeard = Math.max(...[siti!, budi!].map((listener) => listener.heard.at(-1)!.id));
    const requestEvent = siti!.heard.find((event) => event.type === REQUEST_EVENTS.created)!;
    await expect.poll(() => bystander.heard.some((event) => event.id === requestEvent.id)).toBe(true);
    expect(bystander.heard.some((event) => event.type === 'assignment.offered')).toBe(false);
    // One commit, one frame: an offered phone gets the request and its offer in one message, oldest first.
    expect(siti!.frames.at(-1)).toEqual([REQUEST_EVENTS.created, 'assignment.offered']);
    expect(bystander.frames.at(-1)).toEqual([REQUEST_EVENTS.created]);
    // Replay says the same: the offered phone gets the wave's event back, the bystander does not.
    const since = async (listener: typeof bystander) =>
      (await listener.socket.timeout(5_000).emitWithAck('events:since', { after: requestEvent.id - 1 })) as Ack<{
        events?: LiveEvent[];
      }>;
    const typesUpTo = (ack: Ack<{ events?: LiveEvent[] }>) =>
      ack.ok ? (ack.data.events ?? []).filter((event) => event.id <= lastHeard).map((event) => event.type) : null;
    expect(typesUpTo(await since(siti!))).toEqual(['request.created', 'assignment.offered']);
    expect(typesUpTo(await since(bystander))).toEqual(['request.created']);
    // The source kabupaten's coordinator sees the wave, live and in replay; another kabupaten's does not.
    const wave = offerTo(siti!)!;
    await expect.poll(() => source.heard.some((event) => event.id === wave.id)).toBe(true);
    const sourceReplay = (await source.socket
      .timeout(5_000)
      .emitWithAck('events:since', { after: wave.id - 1 })) as Ack<{
      events?: LiveEvent[];
    }>;
    expect(sourceReplay.ok && sourceReplay.data.events?.some((event) => event.id === wave.id)).toBe(true);
    const otherReplay = (await uninvolved.socket
      .timeout(5_000)
      .emitWithAck('events:since', { after: wave.id - 1 })) as Ack<{ events?: LiveEvent[] }>;
    expect(otherReplay.ok && otherReplay.data.events?.some((event) => event.id === wave.id)).toBe(false);
    expect(uninvolved.heard.some((event) => event.id === wave.id)).toBe(false);

    // The phone accepts by the request alone: the server finds its assignment.
    const key = 'tap-siti-1';
    const accepted = await answer(siti!.socket, 'offer:accept', { requestId: request.id, idempotencyKey: key });
    expect(accepted).toMatchObject({
      ok: true,
      data: { assignment: { status: 'accepted', volunteerId: crew[0]!.id } },
    });
    const sitiOffer = accepted.ok ? accepted.data.assignment.id : '';
    // The same tap, sent again after a lost ack: the same answer, counted once.
    const retried = await answer(siti!.socket, 'offer:accept', { requestId: request.id, idempotencyKey: key });
    expect(retried).toEqual(accepted);
    // A phone without an offer on the request is told so.
    expect(await answer(bystander.socket, 'offer:accept', { requestId: request.id })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });

    await expect
      .poll(() =>
        budi!.heard.some((event) => event.type === REQUEST_EVENTS.filled && event.payload.requestId === request.id),
      )
      .toBe(true);
    const late = await answer(budi!.socket, 'offer:accept', { requestId: request.id });
    expect(late).toMatchObject({ ok: false, code: 'CONFLICT', error: expect.stringMatching(/penuh/) });

    // Somebody else's offer cannot be answered from this phone.
    const foreign = await answer(budi!.socket, 'offer:decline', { assignmentId: sitiOffer });
    expect(foreign).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    await expect
      .poll(() => atCoordinator.filter((event) => event.payload.requestId === request.id).map((event) => event.type))
      .toEqual(
        expect.arrayContaining(['request.created', 'assignment.offered', 'assignment.accepted', 'request.filled']),
      );
    const acceptedEvents = atCoordinator.filter((event) => event.type === 'assignment.accepted');
    expect(acceptedEvents).toHaveLength(1);
  });

  it('refuses malformed commands with a clear message and keeps the socket', async () => {
    const [volunteer] = await addVolunteers(server.handle.db, { regencyCode: '62.03', count: 1 });
    const { socket } = await phone(volunteer!.id);
    const bad = await answer(socket, 'offer:accept', { assignmentId: 'bukan-uuid', idempotencyKey: 'x'.repeat(500) });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID' });
    expect(socket.connected).toBe(true);
  });

  it('lets a kabupaten coordinator follow answers to its incident from volunteers of other kabupaten, live and in replay', async () => {
    const skill = uniqueSkill();
    const [helper] = await addVolunteers(server.handle.db, { regencyCode: '62.71', count: 1, skills: [skill] });
    const volunteerPhone = await phone(helper!.id);
    const kapuasAccount = await createTestAccount(server.handle.db, {
      role: 'coordinator',
      provinceCode: '62',
      regencyCode: '62.03',
    });
    const kapuas = await connectClient(server.url, { cookie: kapuasAccount.cookie });
    clients.push(kapuas);
    const heard: LiveEvent[] = [];
    kapuas.on('events:appended', (events) => heard.push(...events));

    const incident = await addIncident(server.handle, '62.03');
    const { request } = await requestDeployment({
      ctx: { ...getAppContext(), actor: actors.coordinator('62') },
      input: {
        incidentId: incident.id,
        slots: 1,
        pillarCodes: ['tagana'],
        skill,
        sourceRegencyCodes: ['62.71'],
        meetingPoint: 'Posko Kuala Kapuas',
        deadline: inHours(4).toISOString(),
      },
    });
    await expect.poll(() => volunteerPhone.heard.some((event) => event.type === 'assignment.offered')).toBe(true);
    const offer = volunteerPhone.heard.find((event) => event.type === 'assignment.offered')!;
    expect((await answer(volunteerPhone.socket, 'offer:accept', { requestId: offer.payload.requestId })).ok).toBe(true);

    const forRequest = (events: LiveEvent[]) =>
      events.filter((event) => event.payload.requestId === request.id).map((event) => event.type);
    await expect
      .poll(() => forRequest(heard))
      .toEqual(
        expect.arrayContaining(['request.created', 'assignment.offered', 'assignment.accepted', 'request.filled']),
      );

    const replay = (await kapuas.timeout(5_000).emitWithAck('events:since', { after: heard[0]!.id - 1 })) as Ack<{
      reset: boolean;
      events?: LiveEvent[];
    }>;
    expect(replay.ok && !replay.data.reset && forRequest(replay.data.events ?? [])).toEqual(forRequest(heard));
  });
});
