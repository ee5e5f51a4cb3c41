import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as inbound } from '../../../app/api/channels/sms/inbound/route';
import { POST as status } from '../../../app/api/channels/sms/status/route';
import {
  assignments,
  channelInbound,
  channelMessages,
  checkInWatches,
  events,
  rollCallEntries,
} from '../../../db/schema';
import { getAppContext } from '../../../server/context';
import { isGsm7 } from '../../../lib/gsm';
import { messageView } from '../../../server/messages/queries';
import { sendMessage } from '../../../server/messages/send-message';
import { callRollCall } from '../../../server/roll-calls/call-roll-call';
import { rollCallView } from '../../../server/roll-calls/queries';
import { actors } from '../../support/dispatch';
import type { LiveEvent } from '../../../lib/realtime';
import { createTestAccount } from '../../support/accounts';
import {
  addTextingVolunteer,
  eventually,
  offerTo,
  putOnSite,
  startChannelServer,
  startStandIn,
  textsTo,
  type StandIn,
} from '../../support/channels';
import { connectClient, type TestClient } from '../../support/realtime';

const SECRET = 'rahasia-gateway-uji-0123456789';
let gateway: StandIn;
let server: Awaited<ReturnType<typeof startChannelServer>>;
const sockets: TestClient[] = [];

beforeAll(async () => {
  gateway = await startStandIn();
  server = await startChannelServer({
    POSKO_SMS_PROVIDER: 'http',
    POSKO_SMS_HTTP_URL: `${gateway.url}/send`,
    POSKO_SMS_WEBHOOK_SECRET: SECRET,
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.close();
  await gateway?.close();
});

const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

/** What the gateway posts when a phone texts Posko, signed as the gateway signs it. */
function post(
  route: (request: Request) => Promise<Response>,
  payload: object,
  { signature }: { signature?: string | null } = {},
) {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signed = signature === undefined ? sign(body) : signature;
  if (signed) headers['x-posko-signature'] = signed;
  return route(new Request('http://posko.test/api/channels/sms/inbound', { method: 'POST', headers, body }));
}

let messageCounter = 0;
const textFrom = (from: string, text: string, receivedAt = new Date()) => ({
  id: `gw-${process.pid}-${++messageCounter}`,
  from,
  text,
  receivedAt: receivedAt.toISOString(),
});

/** The texts the gateway was asked to send to one number, as `{ id, to, text }`. */
const sentTo = (phone: string) =>
  gateway.received
    .map((recorded) => JSON.parse(recorded.body) as { id: string; to: string; text: string })
    .filter((message) => message.to === phone);

describe('the generic signed HTTP gateway', () => {
  it('texts the offer to a volunteer with no live page, and TERIMA from that number accepts it live', async () => {
    const coordinator = await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' });
    const socket = await connectClient(server.url, { cookie: coordinator.cookie });
    sockets.push(socket);
    const seen: LiveEvent[] = [];
    socket.on('events:appended', (events) => seen.push(...events));

    const { crew, offers } = await offerTo(server.handle, 1);
    const volunteer = crew[0]!;
    const offerText = await eventually(async () => sentTo(volunteer.phone)[0]);
    const recorded = gateway.received.find((r) => r.body.includes(volunteer.phone))!;
    expect(recorded.headers['x-posko-signature']).toBe(sign(recorded.body));
    expect(offerText.text.length).toBeLessThanOrEqual(160);
    const code = /TERIMA ([A-Z0-9]{4})/.exec(offerText.text)![1]!;
    expect(offerText.text).toContain(`TOLAK ${code}`);

    const response = await post(inbound, textFrom(volunteer.phone, `terima  ${code.toLowerCase()}!`));
    expect(response.status).toBe(200);
    const accepted = await eventually(async () =>
      seen.find((event) => event.type === 'assignment.accepted' && event.payload.assignmentId === offers[0]!.id),
    );
    expect(accepted.volunteerId).toBe(volunteer.id);
    const [row] = await server.handle.db.select().from(assignments).where(eq(assignments.id, offers[0]!.id));
    expect(row!.status).toBe('accepted');
    const reply = await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('DITERIMA')));
    expect(reply.text).toContain(`BERANGKAT ${code}`);
    // The gateway's delivery report shows on the text.
    const statusBody = { id: offerText.id, status: 'delivered' };
    const delivered = await post(status, statusBody);
    expect(delivered.status).toBe(200);
    const [sent] = await server.handle.db.select().from(channelMessages).where(eq(channelMessages.id, offerText.id));
    expect(sent!.status).toBe('delivered');
  });

  it('counts the same inbound message posted twice once, and refuses the second post', async () => {
    const { crew, offers } = await offerTo(server.handle, 1, 1);
    const volunteer = crew[0]!;
    const offerText = await eventually(async () => sentTo(volunteer.phone)[0]);
    const code = /TERIMA ([A-Z0-9]{4})/.exec(offerText.text)![1]!;
    const message = textFrom(volunteer.phone, `TERIMA ${code}`);
    const accepted = (await server.handle.db.select().from(events).where(eq(events.type, 'assignment.accepted')))
      .length;

    expect((await post(inbound, message)).status).toBe(200);
    const again = await post(inbound, message);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/sudah diterima/);

    const after = await server.handle.db.select().from(events).where(eq(events.type, 'assignment.accepted'));
    expect(after.length).toBe(accepted + 1);
    const [row] = await server.handle.db.select().from(assignments).where(eq(assignments.id, offers[0]!.id));
    expect(row!.status).toBe('accepted');
    await eventually(async () => sentTo(volunteer.phone).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentTo(volunteer.phone)).toHaveLength(2);
  });

  it('refuses a forged or missing signature and a message older than 5 minutes, changing nothing', async () => {
    const { crew, offers } = await offerTo(server.handle, 1);
    const volunteer = crew[0]!;
    const offerText = await eventually(async () => sentTo(volunteer.phone)[0]);
    const code = /TERIMA ([A-Z0-9]{4})/.exec(offerText.text)![1]!;

    const forged = await post(inbound, textFrom(volunteer.phone, `TERIMA ${code}`), {
      signature: `sha256=${createHmac('sha256', 'bukan-rahasianya-sama-sekali').update('x').digest('hex')}`,
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: string }).error).toMatch(/Tanda tangan/);
    expect((await post(inbound, textFrom(volunteer.phone, `TERIMA ${code}`), { signature: null })).status).toBe(401);

    const old = await post(inbound, textFrom(volunteer.phone, `TERIMA ${code}`, new Date(Date.now() - 6 * 60_000)));
    expect(old.status).toBe(400);
    expect(((await old.json()) as { error: string }).error).toMatch(/5 menit/);

    const huge = await post(inbound, { ...textFrom(volunteer.phone, 'x'), padding: 'a'.repeat(70_000) });
    expect(huge.status).toBe(400);

    const [row] = await server.handle.db.select().from(assignments).where(eq(assignments.id, offers[0]!.id));
    expect(row!.status).toBe('offered');
    const stored = await server.handle.db
      .select()
      .from(channelInbound)
      .where(eq(channelInbound.fromPhone, volunteer.phone));
    expect(stored).toHaveLength(0);
    expect(sentTo(volunteer.phone)).toHaveLength(1);
  });

  it('gives a number that is not a volunteer one polite reply and changes nothing else', async () => {
    const stranger = '+6281399990001';
    const before = (await server.handle.db.select().from(events)).length;
    expect((await post(inbound, textFrom('0813-9999-0001', 'TERIMA K7QD'))).status).toBe(200);
    expect((await post(inbound, textFrom(stranger, 'STATUS'))).status).toBe(200);
    const replies = await eventually(async () => sentTo(stranger).length === 1 && sentTo(stranger));
    expect(replies[0]!.text).toMatch(/belum terdaftar/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentTo(stranger)).toHaveLength(1);
    const after = await server.handle.db.select().from(events);
    // Only the reply's own "sent" entry joins the log; nothing about any volunteer or offer changed.
    expect(after.slice(before).every((event) => event.type === 'channel.message_status')).toBe(true);
  });

  it('answers a code that is not the sender’s and a code of a closed offer without touching either', async () => {
    const { crew, offers } = await offerTo(server.handle, 2, 2);
    const [siti, budi] = crew as [(typeof crew)[0], (typeof crew)[0]];
    const sitiCode = /TERIMA ([A-Z0-9]{4})/.exec((await eventually(async () => sentTo(siti.phone)[0])).text)![1]!;
    const budiCode = /TERIMA ([A-Z0-9]{4})/.exec((await eventually(async () => sentTo(budi.phone)[0])).text)![1]!;

    if (sitiCode !== budiCode) {
      await post(inbound, textFrom(budi.phone, `TERIMA ${sitiCode}`));
      const reply = await eventually(async () => sentTo(budi.phone).find((m) => m.text.includes('bukan kode')));
      expect(reply.text).not.toContain(siti.name);
    }
    await post(inbound, textFrom(siti.phone, `TOLAK ${sitiCode} sedang sakit`));
    await eventually(async () => sentTo(siti.phone).find((m) => m.text.includes('DITOLAK')));
    const sitiOffer = offers.find((offer) => offer.volunteerId === siti.id)!;
    const [declined] = await server.handle.db.select().from(assignments).where(eq(assignments.id, sitiOffer.id));
    expect(declined!.status).toBe('declined');
    expect(declined!.declineReason).toBe('sedang sakit');

    await post(inbound, textFrom(siti.phone, `TERIMA ${sitiCode}`));
    const closed = await eventually(async () => sentTo(siti.phone).find((m) => m.text.includes('sudah ditutup')));
    expect(closed.text).toContain('Ditolak');
    const [still] = await server.handle.db.select().from(assignments).where(eq(assignments.id, sitiOffer.id));
    expect(still!.status).toBe('declined');
    const budiOffer = offers.find((offer) => offer.volunteerId === budi.id)!;
    const [untouched] = await server.handle.db.select().from(assignments).where(eq(assignments.id, budiOffer.id));
    expect(untouched!.status).toBe('offered');
  });

  it('sets availability, reports progress and lists what is open by text', async () => {
    const { crew, request } = await offerTo(server.handle, 1);
    const volunteer = crew[0]!;
    const code = /TERIMA ([A-Z0-9]{4})/.exec((await eventually(async () => sentTo(volunteer.phone)[0])).text)![1]!;
    await post(inbound, textFrom(volunteer.phone, 'status'));
    const listed = await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('Ditawarkan')));
    expect(listed.text).toContain(code);
    await post(inbound, textFrom(volunteer.phone, `Terima ${code}`));
    await post(inbound, textFrom(volunteer.phone, 'OTW'));
    await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('BERANGKAT dicatat')));
    // On the way nothing is watched yet: AMAN says so and changes nothing.
    await post(inbound, textFrom(volunteer.phone, 'AMAN semua baik'));
    const early = await eventually(async () =>
      sentTo(volunteer.phone).find((m) => m.text.includes('tidak sedang dipantau')),
    );
    expect(early.text.length).toBeLessThanOrEqual(160);
    await post(inbound, textFrom(volunteer.phone, 'TIBA'));
    await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('TIBA dicatat')));
    const [assignment] = await server.handle.db
      .select({ id: assignments.id })
      .from(assignments)
      .where(eq(assignments.volunteerId, volunteer.id));
    const [arrived] = await server.handle.db
      .select()
      .from(checkInWatches)
      .where(eq(checkInWatches.assignmentId, assignment!.id));
    expect(arrived!.lastCheckInAt).toBeNull();

    // On site AMAN is the check-in "Saya aman": the watch moves on and keeps the note.
    await post(inbound, textFrom(volunteer.phone, 'AMAN semua baik'));
    const safe = await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('AMAN dicatat')));
    expect(safe.text).toMatch(/Lapor AMAN lagi sblm \d\d\/\d\d \d\d\.\d\d WIB/);
    expect(safe.text.length).toBeLessThanOrEqual(160);
    const [checked] = await server.handle.db
      .select()
      .from(checkInWatches)
      .where(eq(checkInWatches.assignmentId, assignment!.id));
    expect(checked!.state).toBe('ok');
    expect(checked!.lastNote).toBe('semua baik');
    expect(checked!.dueAt.getTime()).toBeGreaterThan(arrived!.dueAt.getTime());

    // BANTUAN turns it red at once and still tells the volunteer to call.
    await post(inbound, textFrom(volunteer.phone, 'bantuan air naik cepat'));
    const help = await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('BANTUAN diterima')));
    expect(help.text).toContain('112');
    expect(help.text.length).toBeLessThanOrEqual(160);
    const [red] = await server.handle.db
      .select()
      .from(checkInWatches)
      .where(eq(checkInWatches.assignmentId, assignment!.id));
    expect(red!.state).toBe('help');
    expect(red!.lastNote).toBe('air naik cepat');

    // A roll call of the incident: HADIR answers it for the sender, with the note.
    const called = await callRollCall({
      ctx: { ...getAppContext(), actor: actors.coordinator('62') },
      input: { requestId: request.id },
    });
    await post(inbound, textFrom(volunteer.phone, 'hadir semua sehat'));
    await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('HADIR dicatat')));
    const [answered] = await server.handle.db
      .select()
      .from(rollCallEntries)
      .where(and(eq(rollCallEntries.rollCallId, called.id), eq(rollCallEntries.volunteerId, volunteer.id)));
    expect(answered!.answer).toBe('present');
    expect(answered!.note).toBe('semua sehat');

    const idle = await addTextingVolunteer(server.handle.db);
    await post(inbound, textFrom(idle.phone, 'tidak siaga.'));
    await eventually(async () => sentTo(idle.phone).find((m) => m.text.includes('TIDAK SIAGA')));
    await post(inbound, textFrom(idle.phone, 'bantu'));
    const commands = await eventually(async () => sentTo(idle.phone).find((m) => m.text.includes('SELESAI')));
    expect(commands.text.length).toBeLessThanOrEqual(160);
    await post(inbound, textFrom(idle.phone, 'BANTUAN'));
    const notOnDuty = await eventually(async () =>
      sentTo(idle.phone).find((m) => m.text.includes('tidak sedang bertugas')),
    );
    expect(notOnDuty.text).toContain('112');
    await post(inbound, textFrom(idle.phone, 'HADIR'));
    await eventually(async () => sentTo(idle.phone).find((m) => m.text.includes('tidak ada apel')));
  });

  it('sends again after the gateway fails twice, and marks a text failed after the last try', async () => {
    gateway.failNext(2);
    const { crew } = await offerTo(server.handle, 1);
    const volunteer = crew[0]!;
    const [text] = await eventually(async () => {
      const rows = await textsTo(server.handle.db, volunteer.id);
      return rows[0]?.status === 'sent' && rows;
    });
    expect(text!.attempts).toBe(3);
    expect(sentTo(volunteer.phone)).toHaveLength(3);
    expect(new Set(sentTo(volunteer.phone).map((m) => m.id)).size).toBe(1);

    gateway.failNext(50);
    const other = await offerTo(server.handle, 1);
    const failed = await eventually(async () => {
      const rows = await textsTo(server.handle.db, other.crew[0]!.id);
      return rows[0]?.status === 'failed' && rows[0];
    });
    expect(failed.attempts).toBe(5);
    expect(failed.lastError).toMatch(/503/);
    gateway.failNext(0);
  });

  it('texts a roll call and a coordinator’s message to a volunteer without data; HADIR, "siap" and a reply count', async () => {
    const site = await putOnSite(server.handle);
    const volunteer = site.volunteer;
    const coordinator = { ...getAppContext(), actor: actors.coordinator('62') };

    const called = await callRollCall({ ctx: coordinator, input: { requestId: site.request.id } });
    const apel = await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('APEL')));
    expect(apel.text).toMatch(
      /^Posko: APEL, jawab sekarang\. Balas HADIR bila hadir\/aman, BANTUAN bila butuh bantuan\./,
    );
    expect(apel.text.length).toBeLessThanOrEqual(160);
    expect((await textsTo(server.handle.db, volunteer.id)).some((row) => row.kind === 'rollcall')).toBe(true);
    await post(inbound, textFrom(volunteer.phone, 'hadir'));
    await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('HADIR dicatat')));
    const roll = await rollCallView({ ctx: coordinator, input: { rollCallId: called.id } });
    expect(roll).toMatchObject({ recipients: 1, answered: 1, waiting: 0 });

    const body =
      'Air naik lagi di Desa Tumbang Samba. Semua regu kumpul di dermaga jam 16.00, bawa pelampung dan senter — perahu karet kedua datang dari Palangka Raya sore ini “segera”.';
    const first = await sendMessage({ ctx: coordinator, input: { to: { requestId: site.request.id }, body } });
    const texted = await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('balas SMS ini')));
    expect(texted.text).toMatch(/^Posko \(balas SMS ini utk menjawab\) .+: Air naik lagi di Desa Tumbang Samba\./);
    expect(texted.text.length).toBeLessThanOrEqual(160);
    expect(isGsm7(texted.text)).toBe(true);
    expect(texted.text.endsWith('..')).toBe(true);
    await post(inbound, textFrom(volunteer.phone, 'Siap!'));
    await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('balasan Anda untuk pesan')));
    const firstView = await messageView({ ctx: coordinator, input: { messageId: first.id } });
    expect(firstView).toMatchObject({ replied: 1, read: 1, delivered: 1 });
    expect(firstView.recipients[0]).toMatchObject({ volunteerId: volunteer.id, quickReply: 'ready' });

    // Any text that is not a command answers the newest message, as written.
    const second = await sendMessage({
      ctx: coordinator,
      input: { to: { requestId: site.request.id }, body: 'Berapa orang yang masih di posko?' },
    });
    await eventually(async () => sentTo(volunteer.phone).filter((m) => m.text.includes('balas SMS ini')).length === 2);
    await post(inbound, textFrom(volunteer.phone, 'masih 12 orang, 3 lansia'));
    await eventually(
      async () => sentTo(volunteer.phone).filter((m) => m.text.includes('balasan Anda untuk pesan')).length === 2,
    );
    const secondView = await messageView({ ctx: coordinator, input: { messageId: second.id } });
    expect(secondView.recipients[0]).toMatchObject({ reply: 'masih 12 orang, 3 lansia', quickReply: null });
    const firstAgain = await messageView({ ctx: coordinator, input: { messageId: first.id } });
    expect(firstAgain.recipients[0]).toMatchObject({ quickReply: 'ready', reply: null });

    await post(inbound, textFrom(volunteer.phone, 'BANTU'));
    const commands = await eventually(async () => sentTo(volunteer.phone).find((m) => m.text.includes('Teks lain')));
    expect(commands.text).toContain('HADIR');
    expect(commands.text.length).toBeLessThanOrEqual(160);
  });
});
