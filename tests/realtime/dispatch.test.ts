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

/** A phone: a volunteer account with a connected socket that records every event it hears. */
async function phone(volunteerId: string) {
  const account: TestAccount = await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId });
  const socket = await connectClient(server.url, { cookie: account.cookie });
  clients.push(socket);
  const heard: LiveEvent[] = [];
  socket.on('event:appended', (event) => heard.push(event));
  return { account, socket, heard };
}

const answer = (socket: TestClient, command: 'offer:accept' | 'offer:decline', input: object) =>
  socket.timeout(5_000).emitWithAck(command, input as never) as Promise<Ack<AssignmentAnswer>>;

describe('the dispatch loop over sockets', () => {
  it('pushes the offer to every matching phone, takes the first accept, and tells the other it is full', async () => {
    const skill = uniqueSkill();
    const crew = await addVolunteers(server.handle.db, { regencyCode: '62.03', count: 2, skills: [skill] });
    const [siti, budi] = await Promise.all(crew.map((volunteer) => phone(volunteer.id)));
    const coordinatorAccount = await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' });
    const coordinatorSocket = await connectClient(server.url, { cookie: coordinatorAccount.cookie });
    clients.push(coordinatorSocket);
    const atCoordinator: LiveEvent[] = [];
    coordinatorSocket.on('event:appended', (event) => atCoordinator.push(event));

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
    // Each phone hears its own offer, not the other's.
    expect(siti!.heard.filter((event) => event.type === 'assignment.offered')).toHaveLength(1);

    const sitiOffer = offerTo(siti!)!.payload.assignmentId as string;
    const budiOffer = offerTo(budi!)!.payload.assignmentId as string;
    const key = 'tap-siti-1';
    const accepted = await answer(siti!.socket, 'offer:accept', { assignmentId: sitiOffer, idempotencyKey: key });
    expect(accepted).toMatchObject({ ok: true, data: { assignment: { status: 'accepted' } } });
    // The same tap, sent again after a lost ack: the same answer, counted once.
    const retried = await answer(siti!.socket, 'offer:accept', { assignmentId: sitiOffer, idempotencyKey: key });
    expect(retried).toEqual(accepted);

    await expect
      .poll(() =>
        budi!.heard.some((event) => event.type === REQUEST_EVENTS.filled && event.payload.requestId === request.id),
      )
      .toBe(true);
    const late = await answer(budi!.socket, 'offer:accept', { assignmentId: budiOffer });
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
    kapuas.on('event:appended', (event) => heard.push(event));

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
    expect((await answer(volunteerPhone.socket, 'offer:accept', { assignmentId: offer.payload.assignmentId })).ok).toBe(
      true,
    );

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
