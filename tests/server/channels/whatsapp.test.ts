import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '../../../app/api/channels/whatsapp/route';
import { PUT as putSettings } from '../../../app/api/channels/settings/route';
import { assignments, channelMessages } from '../../../db/schema';
import { createTestAccount } from '../../support/accounts';
import { eventually, offerTo, startChannelServer, startStandIn, type StandIn } from '../../support/channels';

const APP_SECRET = 'rahasia-aplikasi-meta-uji';
const VERIFY_TOKEN = 'token-verifikasi-posko';
let graph: StandIn;
let server: Awaited<ReturnType<typeof startChannelServer>>;
let wamid = 0;

beforeAll(async () => {
  // The Graph API answers POST /{phone-number-id}/messages with the new message's id.
  graph = await startStandIn(() => ({
    messaging_product: 'whatsapp',
    messages: [{ id: `wamid.${process.pid}.${++wamid}` }],
  }));
  server = await startChannelServer({
    POSKO_WHATSAPP_TOKEN: 'token-akses-uji',
    POSKO_WHATSAPP_PHONE_NUMBER_ID: '1234567890',
    POSKO_WHATSAPP_APP_SECRET: APP_SECRET,
    POSKO_WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    POSKO_WHATSAPP_API_URL: `${graph.url}/v21.0`,
  });
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

function inbound(from: string, text: string, { at = new Date(), secret = APP_SECRET } = {}) {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '628111', phone_number_id: '1234567890' },
              contacts: [{ profile: { name: 'Relawan' }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.in.${process.pid}.${++wamid}`,
                  timestamp: String(Math.floor(at.getTime() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return POST(
    new Request('http://posko.test/api/channels/whatsapp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body,
    }),
  );
}

const sentTo = (number: string) =>
  graph.received
    .map((recorded) => ({
      path: recorded.path,
      auth: recorded.headers.authorization,
      body: JSON.parse(recorded.body) as {
        to: string;
        type: string;
        text?: { body: string };
        template?: { components: { parameters: { text: string }[] }[] };
      },
    }))
    .filter((message) => message.body.to === number.replace('+', ''));

describe('WhatsApp Business Cloud API', () => {
  it('answers the verification handshake only with the right verify token', async () => {
    const ok = await GET(
      new Request(
        `http://posko.test/api/channels/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
      ),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await GET(
      new Request('http://posko.test/api/channels/whatsapp?hub.mode=subscribe&hub.verify_token=salah&hub.challenge=1'),
    );
    expect(wrong.status).toBe(403);
  });

  it('texts the offer by template outside the 24-hour window, takes a signed TERIMA, replies with free text', async () => {
    const coordinator = await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' });
    const set = await putSettings(
      new Request('http://posko.test/api/channels/settings', {
        method: 'PUT',
        headers: { cookie: coordinator.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ provinceCode: '62', smsEnabled: true, whatsappEnabled: true, reminderMinutes: 30 }),
      }),
    );
    expect(set.status).toBe(200);

    const { crew, offers } = await offerTo(server.handle, 1);
    const volunteer = crew[0]!;
    const offer = await eventually(async () => sentTo(volunteer.phone)[0]);
    expect(offer.path).toBe('/v21.0/1234567890/messages');
    expect(offer.auth).toBe('Bearer token-akses-uji');
    expect(offer.body.type).toBe('template');
    const text = offer.body.template!.components[0]!.parameters[0]!.text;
    const code = /TERIMA ([A-Z0-9]{4})/.exec(text)![1]!;
    // SMS goes too (the log channel here): both channels are on for the province.
    const rows = await server.handle.db
      .select()
      .from(channelMessages)
      .where(eq(channelMessages.volunteerId, volunteer.id));
    expect(rows.map((row) => row.channel).sort()).toEqual(['sms', 'whatsapp']);

    const forged = await inbound(volunteer.phone.replace('+', ''), `TERIMA ${code}`, {
      secret: 'rahasia-lain-sama-sekali',
    });
    expect(forged.status).toBe(401);
    const old = await inbound(volunteer.phone.replace('+', ''), `TERIMA ${code}`, {
      at: new Date(Date.now() - 6 * 60_000),
    });
    expect(old.status).toBe(400);
    const [still] = await server.handle.db.select().from(assignments).where(eq(assignments.id, offers[0]!.id));
    expect(still!.status).toBe('offered');

    expect((await inbound(volunteer.phone.replace('+', ''), `terima ${code}`)).status).toBe(200);
    const [row] = await server.handle.db.select().from(assignments).where(eq(assignments.id, offers[0]!.id));
    expect(row!.status).toBe('accepted');
    const reply = await eventually(async () => sentTo(volunteer.phone).find((m) => m.body.type === 'text'));
    expect(reply.body.text!.body).toContain('DITERIMA');
  });
});
