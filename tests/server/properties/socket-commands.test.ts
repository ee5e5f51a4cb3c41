import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { MAX_SOCKET_PAYLOAD_BYTES, SOCKET_COMMANDS, type Ack } from '../../../lib/realtime';
import { createTestAccount } from '../../support/accounts';
import { eventLogMark, eventsSince, hostileValue, mutated, propertyParameters } from '../../support/properties';
import { connectClient, startRealtimeServer, type TestClient } from '../../support/realtime';
import { actorContext, actors } from '../../support/dispatch';
import { callRollCall } from '../../../server/roll-calls/call-roll-call';
import { sendMessage } from '../../../server/messages/send-message';

/**
 * Every socket command under hostile input, through the real server and a real Socket.IO client: never
 * an INTERNAL ack, and nothing in the event log after a refusal. A payload over the socket's cap is not
 * answered at all (the connection closes) and writes nothing. A command without an entry here fails the
 * first test; a new command needs one line: who sends it and a sample that would succeed.
 */

/** `deployed`: a volunteer on site, called to a roll call and sent a message. */
type Sender = 'staff' | 'volunteer' | 'deployed';
type Command = (typeof SOCKET_COMMANDS)[number];

interface Fixture {
  assignmentId: string;
  incidentId: string;
  deployedAssignmentId: string;
  rollCallId: string;
  messageId: string;
}

const COMMANDS: Record<Command, { as: Sender; sample: (fixture: Fixture) => Record<string, unknown> }> = {
  'map:watch': { as: 'staff', sample: () => ({ provinceCode: '62' }) },
  'events:since': { as: 'staff', sample: () => ({ after: 0 }) },
  'offer:accept': { as: 'volunteer', sample: ({ assignmentId }) => ({ assignmentId, idempotencyKey: 'kunci-1' }) },
  'offer:decline': {
    as: 'volunteer',
    sample: ({ assignmentId }) => ({ assignmentId, reason: 'Sedang sakit', idempotencyKey: 'kunci-2' }),
  },
  'assignment:withdraw': {
    as: 'volunteer',
    sample: ({ assignmentId }) => ({ assignmentId, reason: 'Ada halangan', idempotencyKey: 'kunci-3' }),
  },
  'assignment:report': {
    as: 'volunteer',
    sample: ({ assignmentId }) => ({
      assignmentId,
      status: 'en_route',
      from: 'accepted',
      idempotencyKey: 'k-4',
    }),
  },
  'assignment:undo': {
    as: 'volunteer',
    sample: ({ assignmentId }) => ({ assignmentId, status: 'en_route', idempotencyKey: 'k-5' }),
  },
  'checkin:report': {
    as: 'volunteer',
    sample: ({ assignmentId }) => ({ assignmentId, kind: 'safe', note: 'Aman', idempotencyKey: 'k-6' }),
  },
  'assessment:submit': {
    as: 'volunteer',
    sample: ({ incidentId }) => ({
      incidentId,
      districtCode: '62.03.01',
      dead: 0,
      missing: 1,
      displacedFamilies: 3,
      displacedPeople: 12,
      urgentNeeds: [{ item: 'Tenda', quantity: 2 }],
      idempotencyKey: 'k-7',
    }),
  },
  'rollcall:answer': {
    as: 'deployed',
    sample: ({ rollCallId }) => ({
      rollCallId,
      answer: 'present',
      note: 'Aman',
      answeredAt: new Date().toISOString(),
      idempotencyKey: 'k-8',
    }),
  },
  'message:receive': { as: 'deployed', sample: ({ messageId }) => ({ messageId, idempotencyKey: 'k-9' }) },
  'message:read': { as: 'deployed', sample: ({ messageId }) => ({ messageId, idempotencyKey: 'k-10' }) },
  'message:reply': {
    as: 'deployed',
    sample: ({ messageId }) => ({
      messageId,
      quickReply: 'ready',
      text: 'Siap berangkat',
      repliedAt: new Date().toISOString(),
      idempotencyKey: 'k-11',
    }),
  },
  'message:send': {
    as: 'deployed',
    sample: ({ deployedAssignmentId }) => ({
      assignmentId: deployedAssignmentId,
      body: 'Perahu bocor',
      writtenAt: new Date().toISOString(),
      idempotencyKey: 'k-12',
    }),
  },
};

let server: Awaited<ReturnType<typeof startRealtimeServer>>;
let fixture: Fixture;
const cookies = {} as Record<Sender, string>;
const clients = {} as Partial<Record<Sender, TestClient>>;

async function clientFor(sender: Sender): Promise<TestClient> {
  const existing = clients[sender];
  if (existing?.connected) return existing;
  existing?.disconnect();
  const client = await connectClient(server.url, { cookie: cookies[sender] });
  clients[sender] = client;
  return client;
}

beforeAll(async () => {
  server = await startRealtimeServer('demo');
  const db = server.handle.db;
  // An offer waiting for a volunteer's answer: the commands reach the verb with a real assignment.
  const [offer] = await queryRows<{ id: string; volunteer_id: string; incident_id: string }>(
    db,
    sql`select a.id, a.volunteer_id, r.incident_id from assignments a
        join deployment_requests r on r.id = a.request_id
        where a.status = 'offered' order by a.offered_at limit 1`,
  );
  const [anyVolunteer] = await queryRows<{ id: string }>(db, sql`select id from volunteers order by id limit 1`);
  const none = '00000000-0000-4000-8000-000000000000';
  // Someone on site: called to a roll call and sent a message, so their commands reach the verbs.
  const [onSite] = await queryRows<{ id: string; volunteer_id: string; request_id: string }>(
    db,
    sql`select id, volunteer_id, request_id from assignments where status = 'on_site' order by offered_at limit 1`,
  );
  const admin = actorContext(server.handle, actors.admin());
  const rollCall = await callRollCall({ ctx: admin, input: { requestId: onSite!.request_id } });
  const message = await sendMessage({
    ctx: admin,
    input: { to: { volunteerIds: [onSite!.volunteer_id] }, body: 'Apel sore di posko' },
  });
  fixture = {
    assignmentId: offer?.id ?? none,
    incidentId: offer?.incident_id ?? none,
    deployedAssignmentId: onSite!.id,
    rollCallId: rollCall.id,
    messageId: message.id,
  };
  cookies.staff = (await createTestAccount(db, { role: 'coordinator', provinceCode: '62' })).cookie;
  cookies.volunteer = (
    await createTestAccount(db, { role: 'volunteer', volunteerId: offer?.volunteer_id ?? anyVolunteer!.id })
  ).cookie;
  cookies.deployed = (await createTestAccount(db, { role: 'volunteer', volunteerId: onSite!.volunteer_id })).cookie;
}, 120_000);
afterAll(async () => {
  for (const client of Object.values(clients)) client?.disconnect();
  await server?.close();
});

describe('every socket command under hostile input', () => {
  it('has a property case for every command (and none for a command that is gone)', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([...SOCKET_COMMANDS].sort());
  });

  for (const command of SOCKET_COMMANDS) {
    it(`${command}: never INTERNAL, never a write after a refusal`, async () => {
      const { as, sample } = COMMANDS[command];
      const inputs = fc.oneof(
        { weight: 4, arbitrary: mutated(sample(fixture)) },
        { weight: 1, arbitrary: hostileValue },
      );
      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          const before = await eventLogMark(server.handle.db);
          const client = await clientFor(as);
          const size = Buffer.byteLength(JSON.stringify(input) ?? '');
          const outcome = await new Promise<Ack<unknown> | 'closed' | 'no answer'>((resolve) => {
            const onClosed = () => resolve('closed');
            client.once('disconnect', onClosed);
            client.timeout(10_000).emit(
              command,
              input as never,
              ((error: Error | null, ack: Ack<unknown>) => {
                client.off('disconnect', onClosed);
                resolve(error ? 'no answer' : ack);
              }) as never,
            );
          });
          if (outcome === 'closed') {
            // Over the cap: the server drops the connection instead of reading the message.
            expect(size, 'only a message over the cap closes the connection').toBeGreaterThan(
              MAX_SOCKET_PAYLOAD_BYTES - 1_000,
            );
            expect(await eventsSince(server.handle.db, before)).toEqual([]);
            return;
          }
          expect(outcome, `${command} got no answer`).not.toBe('no answer');
          const ack = outcome as Ack<unknown>;
          if (!ack.ok) {
            expect(ack.code, ack.error).not.toBe('INTERNAL');
            expect(await eventsSince(server.handle.db, before), `refused with ${ack.code}: ${ack.error}`).toEqual([]);
          }
        }),
        propertyParameters(25),
      );
    }, 120_000);
  }
});
