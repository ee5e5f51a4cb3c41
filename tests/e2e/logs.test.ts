import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, LiveEvent } from '../../lib/realtime';
import { signBody } from '../../server/channels/signatures';
import { signInDemo } from '../support/accounts';
import { startStandIn, type StandIn } from '../support/channels';
import { connectClient, type TestClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const WEBHOOK_SECRET = 'rahasia-gateway-log-0123456789';
const METRICS_TOKEN = 'token-prometheus-log-0123456789';
const WRONG_PASSWORD = 'sandi-salah-uji-log';
const ACTIVATION_TOKEN = 'Zq8xW2vK7mN4pR1tY6uB3cE9gH5jL0aS-dF_oI2eT7w';

let posko: PoskoProcess;
let gateway: StandIn;
let socket: TestClient | undefined;

beforeAll(async () => {
  gateway = await startStandIn();
  posko = await startPoskoProcess({
    POSKO_LOG_LEVEL: 'debug',
    POSKO_METRICS_TOKEN: METRICS_TOKEN,
    POSKO_SMS_PROVIDER: 'http',
    POSKO_SMS_HTTP_URL: `${gateway.url}/send`,
    POSKO_SMS_WEBHOOK_SECRET: WEBHOOK_SECRET,
    POSKO_SMS_RATE_PER_MINUTE: '600',
  });
});
afterAll(async () => {
  socket?.disconnect();
  await posko?.stop();
  await gateway?.close();
});

/** What the process wrote after it said it was ready: the JSON log. */
function logLines(): string[] {
  const output = posko.output();
  return output
    .slice(output.indexOf('Posko is ready at'))
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');
}

async function send(
  path: string,
  {
    method = 'GET',
    cookie,
    body,
    headers,
  }: { method?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return fetch(`${posko.url}${path}`, {
    method,
    headers: {
      ...(cookie && { cookie, origin: posko.url }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('the log of a running Posko', () => {
  it('carries request ids and outcomes, and no phone number, token, cookie, password or secret', async () => {
    const memberPhone = /Relawan\s+(0\d+)\s+.*Tagana Kapuas\n/.exec(posko.output())![1]!;
    const international = `+62${memberPhone.slice(1)}`;

    // Sign-in: a wrong password, then the right one, under a proxy's request id.
    const refused = await send('/api/auth/sign-in', {
      method: 'POST',
      body: { login: memberPhone, password: WRONG_PASSWORD },
    });
    expect(refused.status).toBe(401);
    const signIn = await send('/api/auth/sign-in', {
      method: 'POST',
      body: { login: memberPhone, password: 'siaga-demo' },
      headers: { 'x-request-id': 'proxy-masuk-000001' },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('x-request-id')).toBe('proxy-masuk-000001');
    const memberCookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const coordinatorCookie = await signInDemo(posko.url, 'koord.kalteng');

    // An offer to the member, accepted over the socket.
    socket = await connectClient(posko.url, { cookie: memberCookie });
    const offered = new Promise<LiveEvent>((resolve) =>
      socket!.on('events:appended', (events) => {
        const offer = events.find((event) => event.type === 'assignment.offered');
        if (offer) resolve(offer);
      }),
    );
    const incident = await send('/api/incidents', {
      method: 'POST',
      cookie: coordinatorCookie,
      body: { type: 'flood', severity: 2, regencyCode: '62.03', title: 'Banjir uji catatan' },
    });
    expect(incident.status).toBe(201);
    const request = await send('/api/requests', {
      method: 'POST',
      cookie: coordinatorCookie,
      body: {
        incidentId: ((await incident.json()) as { id: string }).id,
        slots: 1,
        pillarCodes: ['tagana'],
        sourceRegencyCodes: ['62.03'],
        meetingPoint: 'Halaman Kantor Dinas Sosial Kapuas',
        deadline: new Date(Date.now() + 4 * 3_600_000).toISOString(),
      },
    });
    expect(request.status).toBe(201);
    const offer = await offered;
    const accepted = (await socket.timeout(5_000).emitWithAck('offer:accept', {
      requestId: offer.payload.requestId as string,
      idempotencyKey: 'log-1',
    })) as Ack<unknown>;
    expect(accepted.ok).toBe(true);

    // An SMS from the member through the gateway's signed webhook; Posko answers by text.
    const inbound = JSON.stringify({
      id: 'sms-log-1',
      from: international,
      text: 'STATUS',
      receivedAt: new Date().toISOString(),
    });
    const signature = signBody(WEBHOOK_SECRET, inbound);
    const webhook = await fetch(`${posko.url}/api/channels/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-posko-signature': signature },
      body: inbound,
    });
    expect(webhook.status).toBe(200);
    await expect
      .poll(() => gateway.received.some((recorded) => recorded.body.includes(international)), { timeout: 15_000 })
      .toBe(true);

    // Failing routes: a forged webhook, an activation link that does not exist, a bad incident.
    const forged = await fetch(`${posko.url}/api/channels/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-posko-signature': 'sha256=00' },
      body: inbound,
    });
    expect(forged.status).toBe(401);
    const activation = await send(`/api/activations/${ACTIVATION_TOKEN}`, {
      method: 'POST',
      body: { password: 'kata-sandi-baru-uji' },
      headers: { origin: posko.url },
    });
    expect(activation.status).toBe(404);
    const bad = await send('/api/incidents', { method: 'POST', cookie: coordinatorCookie, body: { severity: 9 } });
    expect(bad.status).toBe(400);

    // The metrics: a session is no key, the bearer token is.
    expect((await send('/api/metrics', { cookie: coordinatorCookie })).status).toBe(401);
    const metrics = await send('/api/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const exposition = await metrics.text();
    // Two sign-ins went through (the member and the coordinator), one was refused.
    expect(exposition).toMatch(
      /posko_http_requests_total\{method="POST",route="\/api\/auth\/sign-in",status="2xx"\} 2\n/,
    );
    expect(exposition).toMatch(
      /posko_http_requests_total\{method="POST",route="\/api\/auth\/sign-in",status="4xx"\} 1\n/,
    );
    expect(exposition).toMatch(/posko_socket_commands_total\{command="offer:accept",outcome="ok"\} 1\n/);
    expect(exposition).toMatch(/method="POST",route="\/api\/activations\/\[token\]",status="4xx"/);
    expect(exposition).not.toContain(ACTIVATION_TOKEN);

    await expect.poll(() => logLines().some((line) => line.includes('"route":"/api/metrics"'))).toBe(true);
    const lines = logLines();
    // Everything after start-up is one JSON object a line.
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const signInLine = entries.find((entry) => entry.requestId === 'proxy-masuk-000001');
    expect(signInLine).toMatchObject({ msg: 'request', method: 'POST', route: '/api/auth/sign-in', status: 200 });
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: 'command',
        command: 'offer:accept',
        outcome: 'ok',
        requestId: expect.any(String),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'request', route: '/api/channels/sms/inbound', status: 401 }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'Text sent', channel: 'sms' }));

    const log = lines.join('\n');
    const tokenOf = (cookie: string) => decodeURIComponent(cookie.split('=')[1]!);
    // Every demo volunteer's number (the offer was texted to those without a live page) in each format.
    const demoPhones = [...posko.output().matchAll(/Relawan\s+0(\d+)\s/g)].flatMap(([, rest]) => [
      `0${rest}`,
      `62${rest}`,
    ]);
    expect(demoPhones.length).toBeGreaterThan(2);
    for (const secret of [
      ...demoPhones,
      memberPhone,
      international,
      international.slice(1),
      memberPhone.slice(1),
      tokenOf(memberCookie),
      tokenOf(coordinatorCookie),
      'siaga-demo',
      WRONG_PASSWORD,
      WEBHOOK_SECRET,
      signature.slice('sha256='.length),
      METRICS_TOKEN,
      ACTIVATION_TOKEN,
      'kata-sandi-baru-uji',
    ]) {
      expect(log, `the log shows ${secret}`).not.toContain(secret);
    }
  });
});
