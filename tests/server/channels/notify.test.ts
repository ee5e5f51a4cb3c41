import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelMessages, channelPreferences, pushSubscriptions, volunteers } from '../../../db/schema';
import type { PushMessage } from '../../../lib/push';
import { hashToken } from '../../../server/auth/sessions';
import { reportCheckIn } from '../../../server/operations/report-check-in';
import { answerRollCall } from '../../../server/roll-calls/answer-roll-call';
import { callRollCall } from '../../../server/roll-calls/call-roll-call';
import { sweepCheckIns } from '../../../server/operations/sweep-check-ins';
import { getAppContext } from '../../../server/context';
import { cancelRequest } from '../../../server/deployments/cancel-request';
import { requestDeployment } from '../../../server/deployments/request-deployment';
import { enqueueText } from '../../../server/channels/outbox';
import { logProvider } from '../../../server/channels/providers/log';
import { createChannelQueue } from '../../../server/channels/queue';
import { remindUnanswered } from '../../../server/channels/reminders';
import { createTestAccount, type TestAccount } from '../../support/accounts';
import {
  addTextingVolunteer,
  eventually,
  offerTo,
  putOnSite,
  startChannelServer,
  textsTo,
} from '../../support/channels';
import { decrypt, newPhoneKeys, startPushService, type PushService } from '../../support/push';
import { actors, addIncident } from '../../support/dispatch';
import { openTestDatabase } from '../../support/database';
import { testContext } from '../../support/domain';
import { connectClient, type TestClient } from '../../support/realtime';

let server: Awaited<ReturnType<typeof startChannelServer>>;
const sockets: TestClient[] = [];

/** The stand-in push service, and what it received. */
let pushService: PushService;
let pushOrigin: string;

beforeAll(async () => {
  pushService = await startPushService();
  pushOrigin = pushService.origin;
  server = await startChannelServer({ POSKO_PUSH_ORIGINS: pushOrigin });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.close();
  await pushService?.close();
});

let phoneCounter = 0;

/** A browser subscribed to Web Push for the account (its keys decrypt what arrives). */
async function subscribe(account: TestAccount) {
  const keys = newPhoneKeys();
  const path = `/push/${process.pid}-${++phoneCounter}`;
  await server.handle.db.insert(pushSubscriptions).values({
    userId: account.userId,
    sessionHash: hashToken(account.cookie.split('=')[1]!),
    endpoint: `${pushOrigin}${path}`,
    p256dh: keys.p256dh,
    auth: keys.authText,
  });
  /** The notifications this browser showed about one assignment. */
  return (assignmentId: string) =>
    pushService.deliveries
      .filter((delivery) => delivery.path === path)
      .map((delivery) => JSON.parse(decrypt(delivery.body, keys)) as PushMessage)
      .filter((message) => 'assignmentId' in message && message.assignmentId === assignmentId);
}

/** The check-in sweep as the server runs it, at a moment the test picks (the app's own sweep runs on real time). */
async function sweepAt(minutesAhead: number) {
  const ctx = getAppContext();
  await sweepCheckIns({ ctx, now: new Date(Date.now() + minutesAhead * 60_000) });
}

/** Lets the notifiers (push and texts, both after commit) finish what the sweep handed them. */
async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe('who gets a text', () => {
  it('a volunteer whose page is open gets no SMS, unless it chose texts always; a cancellation goes too', async () => {
    const { crew } = await offerTo(server.handle, 2, 2);
    const [watching, choosing] = crew as [(typeof crew)[0], (typeof crew)[0]];
    // Offers went out as the request was made; both pages open afterwards, so take the next request.
    for (const volunteer of [watching, choosing]) {
      const account = await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId: volunteer.id });
      sockets.push(await connectClient(server.url, { cookie: account.cookie }));
    }
    await server.handle.db.insert(channelPreferences).values({ volunteerId: choosing.id, mode: 'always' });
    // A second request for the same two volunteers, now that their pages are open. Its texts are told
    // apart by their request (the first request's may still be on their way).
    const incident = await addIncident(server.handle, '62.06');
    const { request } = await requestDeployment({
      ctx: { ...getAppContext(), actor: actors.coordinator('62') },
      input: {
        incidentId: incident.id,
        slots: 1,
        pillarCodes: ['tagana'],
        skill: watching.skills[0]!,
        sourceRegencyCodes: ['62.03'],
        meetingPoint: 'Posko Katingan',
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    const ofRequest = async (volunteerId: string) =>
      (await textsTo(server.handle.db, volunteerId)).filter((row) => row.requestId === request.id);
    const offered = await eventually(async () => {
      const rows = await ofRequest(choosing.id);
      return rows.length === 1 && rows[0];
    });
    expect(offered.kind).toBe('offer');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ofRequest(watching.id)).toHaveLength(0);
    expect(await ofRequest(choosing.id)).toHaveLength(1);

    await cancelRequest({
      ctx: { ...getAppContext(), actor: actors.coordinator('62') },
      input: { requestId: request.id, reason: 'Air sudah surut' },
    });
    const cancelled = await eventually(async () =>
      (await textsTo(server.handle.db, choosing.id)).find((row) => row.kind === 'cancelled'),
    );
    expect(cancelled.text).toMatch(/DIBATALKAN/);
    expect(cancelled.text.length).toBeLessThanOrEqual(160);
  });

  it('texts an unanswered offer again after the province’s minutes, once', async () => {
    const { crew, offers } = await offerTo(server.handle, 1);
    const volunteer = crew[0]!;
    await eventually(async () => (await textsTo(server.handle.db, volunteer.id)).length === 1);
    const ctx = getAppContext();
    expect(await remindUnanswered(ctx, ctx.channels.providers)).toBe(0);
    const later = { ...ctx, now: () => new Date(Date.now() + 31 * 60_000) };
    expect(await remindUnanswered(later, ctx.channels.providers)).toBeGreaterThanOrEqual(1);
    expect(await remindUnanswered(later, ctx.channels.providers)).toBe(0);
    const reminder = (await textsTo(server.handle.db, volunteer.id)).find((row) => row.kind === 'reminder')!;
    expect(reminder.assignmentId).toBe(offers[0]!.id);
    expect(reminder.text).toMatch(/belum dijawab/);
  });
});

describe('check-ins due, late and critical', () => {
  it('at the due time the volunteer gets one push, or without data one text; a second sweep and a restart send nothing more', async () => {
    const noData = await putOnSite(server.handle);
    const withPush = await putOnSite(server.handle);
    const shown = await subscribe(
      await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId: withPush.volunteer.id }),
    );
    const dueTexts = async (volunteerId: string) =>
      (await textsTo(server.handle.db, volunteerId)).filter((row) => row.kind === 'checkin_due');

    await sweepAt(119);
    await settle();
    expect(await dueTexts(noData.volunteer.id)).toHaveLength(0);
    expect(shown(withPush.assignmentId)).toHaveLength(0);

    await sweepAt(121);
    const [text] = await eventually(async () => {
      const rows = await dueTexts(noData.volunteer.id);
      return rows.length > 0 && rows;
    });
    expect(text!.text).toMatch(/^Posko: WAKTUNYA LAPOR AMAN \([A-Z0-9]{4}\)\. Balas AMAN bila aman, BANTUAN/);
    expect(text!.text.length).toBeLessThanOrEqual(160);
    expect(text!.assignmentId).toBe(noData.assignmentId);
    const [push] = await eventually(
      async () => shown(withPush.assignmentId).length > 0 && shown(withPush.assignmentId),
    );
    expect(push).toMatchObject({ kind: 'checkin', state: 'due', title: 'Waktunya lapor aman' });
    expect(push!.body).toContain('Banjir Katingan');
    // Reached by push, so no text for that one.
    expect(await dueTexts(withPush.volunteer.id)).toHaveLength(0);

    // Swept again, and by a process that just started (its sweep reads only the database): nothing new.
    await sweepAt(122);
    await sweepCheckIns({ ctx: { ...getAppContext() }, now: new Date(Date.now() + 123 * 60_000) });
    await settle();
    expect(await dueTexts(noData.volunteer.id)).toHaveLength(1);
    expect(shown(withPush.assignmentId)).toHaveLength(1);
  });

  const helpTextsTo = async (leaderId: string) =>
    (await textsTo(server.handle.db, leaderId)).filter((row) => row.kind === 'checkin_help');

  /** The ketua regu's text about a call for help: to their phone, naming the volunteer and the number to call, one SMS. */
  async function expectHelpText(leader: { id: string; phone: string }, volunteer: { name: string; phone: string }) {
    const [text] = await eventually(async () => {
      const rows = await helpTextsTo(leader.id);
      return rows.length > 0 && rows;
    });
    expect(text!.toPhone).toBe(leader.phone);
    expect(text!.text).toContain(`BUTUH BANTUAN, ${volunteer.name}`);
    expect(text!.text).toContain(volunteer.phone);
    expect(text!.text.length).toBeLessThanOrEqual(160);
  }

  /** The first notification a subscribed browser showed about the assignment, once it has come. */
  async function firstNotice(sees: (assignmentId: string) => PushMessage[], assignmentId: string) {
    const [first] = await eventually(async () => sees(assignmentId).length > 0 && sees(assignmentId));
    return first!;
  }

  /**
   * A volunteer on site in `regency` (Kalimantan Tengah) with their ketua regu (texts on, Web Push on) and a
   * province coordinator subscribed to Web Push: who hears about the volunteer's check-ins.
   */
  async function watchedOnSite(regency: string) {
    const leader = await addTextingVolunteer(server.handle.db, regency);
    await server.handle.db.update(volunteers).set({ isTeamLeader: true }).where(eq(volunteers.id, leader.id));
    const leaderSees = await subscribe(
      await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId: leader.id }),
    );
    const coordinatorSees = await subscribe(
      await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' }),
    );
    return { leader, leaderSees, coordinatorSees, site: await putOnSite(server.handle, regency) };
  }

  it('late and critical reach the ketua regu and the coordinator in scope by push, critical also the ketua regu by text', async () => {
    const { leader, leaderSees, coordinatorSees, site } = await watchedOnSite('62.07');
    const elsewhereSees = await subscribe(
      await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '32' }),
    );

    await sweepAt(121);
    const [late] = await eventually(
      async () => leaderSees(site.assignmentId).length > 0 && leaderSees(site.assignmentId),
    );
    expect(late).toMatchObject({
      kind: 'checkin',
      state: 'late',
      title: `Terlambat lapor aman: ${site.volunteer.name}`,
    });
    expect(late!.url).toBe('/tugas');
    const [coordinatorLate] = await eventually(
      async () => coordinatorSees(site.assignmentId).length > 0 && coordinatorSees(site.assignmentId),
    );
    expect(coordinatorLate).toMatchObject({ state: 'late', url: `/kejadian/${site.incident.id}` });
    const leaderTexts = async () =>
      (await textsTo(server.handle.db, leader.id)).filter((row) => row.kind === 'checkin_critical');
    expect(await leaderTexts()).toHaveLength(0);

    await sweepAt(152);
    await eventually(async () => leaderSees(site.assignmentId).length === 2);
    expect(leaderSees(site.assignmentId)[1]).toMatchObject({
      state: 'critical',
      title: `KRITIS: ${site.volunteer.name} belum lapor aman`,
    });
    await eventually(async () => coordinatorSees(site.assignmentId).length === 2);
    expect(coordinatorSees(site.assignmentId)[1]).toMatchObject({ state: 'critical' });
    const [critical] = await eventually(async () => {
      const rows = await leaderTexts();
      return rows.length > 0 && rows;
    });
    expect(critical!.toPhone).toBe(leader.phone);
    expect(critical!.text).toContain(`KRITIS, ${site.volunteer.name} blm lapor aman sejak`);
    expect(critical!.text).toContain(site.volunteer.phone);
    expect(critical!.text.length).toBeLessThanOrEqual(160);

    await sweepAt(200);
    await settle();
    expect(leaderSees(site.assignmentId)).toHaveLength(2);
    expect(coordinatorSees(site.assignmentId)).toHaveLength(2);
    expect(await leaderTexts()).toHaveLength(1);
    // Another province's coordinator hears nothing of it.
    expect(elsewhereSees(site.assignmentId)).toHaveLength(0);
  });

  it('"Butuh bantuan" reaches the ketua regu by push and text and the coordinator by push at once; "Saya aman" reaches nobody', async () => {
    const { leader, leaderSees, coordinatorSees, site } = await watchedOnSite('62.08');
    const phone = { ...getAppContext(), actor: actors.volunteer(site.volunteer) };
    const helpTexts = () => helpTextsTo(leader.id);

    await reportCheckIn({ ctx: phone, input: { assignmentId: site.assignmentId, kind: 'safe' } });
    await settle();
    expect(leaderSees(site.assignmentId)).toHaveLength(0);
    expect(coordinatorSees(site.assignmentId)).toHaveLength(0);
    expect(await helpTexts()).toHaveLength(0);

    await reportCheckIn({
      ctx: phone,
      input: { assignmentId: site.assignmentId, kind: 'help', note: 'Perahu bocor' },
    });
    const toLeader = await firstNotice(leaderSees, site.assignmentId);
    expect(toLeader).toMatchObject({
      kind: 'checkin',
      state: 'help',
      title: `BUTUH BANTUAN: ${site.volunteer.name}`,
      url: '/tugas',
    });
    const toCoordinator = await firstNotice(coordinatorSees, site.assignmentId);
    expect(toCoordinator).toMatchObject({ state: 'help', url: `/kejadian/${site.incident.id}` });
    expect(toCoordinator.body).toContain('Banjir Katingan');
    await expectHelpText(leader, site.volunteer);
  });
  it('a roll call answered "Butuh bantuan" reaches the ketua regu by push and text and the coordinator by push, as the roll call\'s answer; "Hadir" reaches nobody', async () => {
    const { leader, leaderSees, coordinatorSees, site } = await watchedOnSite('62.09');
    const coordinator = { ...getAppContext(), actor: actors.coordinator('62') };
    const phone = { ...getAppContext(), actor: actors.volunteer(site.volunteer) };
    const helpTexts = () => helpTextsTo(leader.id);
    const rollCall = await callRollCall({ ctx: coordinator, input: { requestId: site.request.id } });

    const answer = (kind: 'present' | 'need_help') =>
      answerRollCall({
        ctx: phone,
        input: { rollCallId: rollCall.id, answer: kind, answeredAt: new Date().toISOString() },
      });
    await answer('present');
    await settle();
    expect(leaderSees(site.assignmentId)).toHaveLength(0);
    expect(coordinatorSees(site.assignmentId)).toHaveLength(0);
    expect(await helpTexts()).toHaveLength(0);

    await answer('need_help');
    const toLeader = await firstNotice(leaderSees, site.assignmentId);
    expect(toLeader).toMatchObject({
      kind: 'checkin',
      state: 'help',
      title: `BUTUH BANTUAN: ${site.volunteer.name}`,
      body: `Banjir Katingan: ${site.volunteer.name} menjawab apel "Butuh bantuan". Hubungi sekarang.`,
      url: '/tugas',
    });
    const toCoordinator = await firstNotice(coordinatorSees, site.assignmentId);
    expect(toCoordinator).toMatchObject({ state: 'help', url: `/kejadian/${site.incident.id}` });
    await expectHelpText(leader, site.volunteer);
    await settle();
    expect(leaderSees(site.assignmentId)).toHaveLength(1);
    expect(await helpTexts()).toHaveLength(1);
  });
});

describe('the queue', () => {
  it('sends what was already waiting in the database when it starts (a restart loses nothing)', async () => {
    // A database of its own, so no other queue takes the text first.
    const handle = await openTestDatabase('reference');
    const providers = { sms: logProvider() };
    const waiting = (await enqueueText(handle.db, providers, {
      channel: 'sms',
      kind: 'reply',
      provinceCode: '62',
      toPhone: '+6281399990077',
      text: 'Posko: uji antrean',
    }))!;
    const ctx = testContext(handle);
    const queue = createChannelQueue(ctx, providers, {
      POSKO_SMS_RATE_PER_MINUTE: 6000,
      POSKO_SMS_RETRY_SECONDS: 0.05,
      POSKO_SMS_MAX_ATTEMPTS: 5,
    });
    const sent = await eventually(async () => {
      const [row] = await handle.db.select().from(channelMessages).where(eq(channelMessages.id, waiting.id));
      return row?.status === 'sent' && row;
    });
    await queue.close();
    await handle.close();
    expect(sent.attempts).toBe(1);
    expect(ctx.published.some((event) => event.type === 'channel.message_status')).toBe(true);
  });

  it('keeps one send rate for two processes on one database together, not one rate each', async () => {
    const handle = await openTestDatabase('reference');
    const RATE = 300; // one text every 200 ms, for both queues together
    const calls: { queue: string; at: number }[] = [];
    // The first send (by either queue) is held until the other queue has sent one: otherwise one queue
    // may win every claim, which keeps the rate but shows nothing about sharing it.
    let otherSent!: () => void;
    const otherHasSent = new Promise<void>((resolve) => (otherSent = resolve));
    const recording = (queue: string) => ({
      sms: {
        ...logProvider(),
        send: async (message: { id: string }) => {
          calls.push({ queue, at: Date.now() });
          if (calls.length === 1) await otherHasSent;
          else if (calls[0]!.queue !== queue) otherSent();
          return { providerMessageId: `${queue}:${message.id}` };
        },
      },
    });
    const texts = 10;
    for (let i = 0; i < texts; i++) {
      await enqueueText(handle.db, recording('a'), {
        channel: 'sms',
        kind: 'reply',
        provinceCode: '62',
        toPhone: `+62813999901${String(i).padStart(2, '0')}`,
        text: `Posko: uji laju ${i}`,
      });
    }
    const env = { POSKO_SMS_RATE_PER_MINUTE: RATE, POSKO_SMS_RETRY_SECONDS: 0.05, POSKO_SMS_MAX_ATTEMPTS: 5 };
    const queues = [
      createChannelQueue(testContext(handle), recording('a'), env),
      createChannelQueue(testContext(handle), recording('b'), env),
    ];
    await eventually(async () => calls.length === texts, 15_000);
    await Promise.all(queues.map((queue) => queue.close()));
    const sent = await handle.db.select().from(channelMessages);
    await handle.close();

    expect(sent.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    // Both processes sent, and together they never went faster than the provider's rate.
    expect(new Set(calls.map((call) => call.queue))).toEqual(new Set(['a', 'b']));
    // Claims are 200 ms apart for both together: ten texts take at least 1.8 s. Two rates of their own
    // would send side by side once the first send is let go, in about 1 s. (The gap between two sends is not checked: on a
    // loaded machine one send can start late and the next on time, which says nothing about the rate.)
    expect(calls.at(-1)!.at - calls[0]!.at).toBeGreaterThanOrEqual((texts - 1) * 200 - 100);
  });
});
