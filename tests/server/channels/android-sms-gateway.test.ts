import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhook } from '../../../app/api/channels/android-sms-gateway/route';
import { assignments, channelMessages } from '../../../db/schema';
import { eventually, offerTo, startChannelServer, startStandIn, type StandIn } from '../../support/channels';

const SIGNING_KEY = 'kunci-tanda-tangan-hp-posko';
let phone: StandIn;
let server: Awaited<ReturnType<typeof startChannelServer>>;

beforeAll(async () => {
  // The phone's local server answers POST /message as SMS Gateway for Android does.
  phone = await startStandIn((recorded) => {
    const message = JSON.parse(recorded.body) as { id: string; phoneNumbers: string[] };
    return {
      id: message.id,
      state: 'Pending',
      recipients: message.phoneNumbers.map((n) => ({ phoneNumber: n, state: 'Pending' })),
    };
  });
  server = await startChannelServer({
    POSKO_SMS_PROVIDER: 'android-sms-gateway',
    POSKO_SMS_ANDROID_URL: phone.url,
    POSKO_SMS_ANDROID_USERNAME: 'sms',
    POSKO_SMS_ANDROID_PASSWORD: 'sandi-hp-posko',
    POSKO_SMS_ANDROID_SIGNING_KEY: SIGNING_KEY,
  });
});
afterAll(async () => {
  await server?.close();
  await phone?.close();
});

let eventCounter = 0;

/** A webhook as the app posts it: X-Signature = hex HMAC-SHA256(body + X-Timestamp) with the signing key. */
function deliver(
  event: string,
  payload: object,
  { at = new Date(), key = SIGNING_KEY, id }: { at?: Date; key?: string; id?: string } = {},
) {
  const body = JSON.stringify({
    deviceId: 'hp-posko-1',
    event,
    id: id ?? `evt-${process.pid}-${++eventCounter}`,
    payload,
    webhookId: 'posko',
  });
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', key)
    .update(body + timestamp)
    .digest('hex');
  return webhook(
    new Request('http://posko.test/api/channels/android-sms-gateway', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-timestamp': timestamp },
      body,
    }),
  );
}

const sentTo = (number: string) =>
  phone.received
    .filter((recorded) => recorded.path.startsWith('/message'))
    .map((recorded) => JSON.parse(recorded.body) as { id: string; message: string; phoneNumbers: string[] })
    .filter((message) => message.phoneNumbers.includes(number));

describe('SMS Gateway for Android', () => {
  it('sends the offer through the phone, takes TERIMA from sms:received and a delivery report', async () => {
    const { crew, offers } = await offerTo(server.handle, 1);
    const volunteer = crew[0]!;
    const offer = await eventually(async () => sentTo(volunteer.phone)[0]);
    const request = phone.received.find((recorded) => recorded.body.includes(offer.id))!;
    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('sms:sandi-hp-posko').toString('base64')}`);
    const code = /TERIMA ([A-Z0-9]{4})/.exec(offer.message)![1]!;

    const received = await deliver('sms:received', {
      messageId: 'abc',
      message: `Terima ${code}`,
      phoneNumber: volunteer.phone,
      simNumber: 1,
      receivedAt: new Date().toISOString(),
    });
    expect(received.status).toBe(200);
    await eventually(async () => {
      const [row] = await server.handle.db.select().from(assignments).where(eq(assignments.id, offers[0]!.id));
      return row!.status === 'accepted';
    });
    await eventually(async () => sentTo(volunteer.phone).find((m) => m.message.includes('DITERIMA')));

    expect(
      (await deliver('sms:delivered', { messageId: offer.id, deliveredAt: new Date().toISOString() })).status,
    ).toBe(200);
    const [text] = await server.handle.db.select().from(channelMessages).where(eq(channelMessages.id, offer.id));
    expect(text!.status).toBe('delivered');
  });

  it('refuses a wrong signing key, a timestamp older than 5 minutes and a replayed event id', async () => {
    const { crew, offers } = await offerTo(server.handle, 1);
    const volunteer = crew[0]!;
    const offer = await eventually(async () => sentTo(volunteer.phone)[0]);
    const code = /TERIMA ([A-Z0-9]{4})/.exec(offer.message)![1]!;
    const sms = { message: `TERIMA ${code}`, phoneNumber: volunteer.phone, receivedAt: new Date().toISOString() };

    expect((await deliver('sms:received', sms, { key: 'kunci-orang-lain-sekali' })).status).toBe(401);
    expect((await deliver('sms:received', sms, { at: new Date(Date.now() - 10 * 60_000) })).status).toBe(400);
    const [row] = await server.handle.db.select().from(assignments).where(eq(assignments.id, offers[0]!.id));
    expect(row!.status).toBe('offered');

    expect((await deliver('sms:received', { ...sms, message: 'STATUS' }, { id: 'sama-1' })).status).toBe(200);
    expect((await deliver('sms:received', sms, { id: 'sama-1' })).status).toBe(409);
    const [after] = await server.handle.db.select().from(assignments).where(eq(assignments.id, offers[0]!.id));
    expect(after!.status).toBe('offered');
  });
});
