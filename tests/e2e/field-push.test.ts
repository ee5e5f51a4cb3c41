import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushMessage } from '../../lib/push';
import { signInDemo } from '../support/accounts';
import { decrypt, newPhoneKeys, startPushService, type PushDelivery, type PushService } from '../support/push';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/** The stand-in push service (410 Gone for a path under /gone/), and what it received. */
let pushService: PushService;
let pushOrigin: string;
let posko: PoskoProcess;
let volunteerCookie: string;
let coordinatorCookie: string;

beforeAll(async () => {
  pushService = await startPushService((path) => (path.startsWith('/gone/') ? 410 : 201));
  pushOrigin = pushService.origin;
  posko = await startPoskoProcess({ POSKO_PUSH_ORIGINS: pushOrigin });
  const leaderPhone = /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(posko.output())![1]!;
  [volunteerCookie, coordinatorCookie] = await Promise.all([
    signInDemo(posko.url, leaderPhone),
    signInDemo(posko.url, 'koord.kalteng'),
  ]);
});
afterAll(async () => {
  await posko?.stop();
  await pushService?.close();
});

async function api<T>(
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T }> {
  const response = await fetch(`${posko.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, data: (await response.json()) as T };
}

/** The VAPID header: a JWT for the push service's origin, signed with the key it names (RFC 8292). */
function checkVapid(headers: PushDelivery['headers'], audience: string) {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(headers.authorization ?? '');
  expect(match, `Authorization: ${headers.authorization}`).not.toBeNull();
  const [header, claims, signature] = match![1]!.split('.') as [string, string, string];
  const publicKey = Buffer.from(match![2]!, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: publicKey.subarray(1, 33).toString('base64url'),
      y: publicKey.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  expect(signed, 'the VAPID signature verifies with the key in the header').toBe(true);
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  expect(payload.aud).toBe(audience);
  expect(payload.exp * 1000).toBeGreaterThan(Date.now());
  return match![2]!;
}

async function deliveryTo(path: string, count: number): Promise<PushDelivery[]> {
  await expect
    .poll(() => pushService.deliveries.filter((d) => d.path === path).length, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(count);
  return pushService.deliveries.filter((d) => d.path === path);
}

/** A Kapuas flood and a request for one Tagana member of Kapuas, made through the API as a coordinator would. */
async function kapuasRequest(): Promise<string> {
  const incident = await api<{ id: string }>(coordinatorCookie, 'POST', '/api/incidents', {
    type: 'flood',
    severity: 3,
    regencyCode: '62.03',
    title: `Banjir uji push ${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 6)}`,
  });
  expect(incident.status).toBe(201);
  const request = await api<{ request: { id: string } }>(coordinatorCookie, 'POST', '/api/requests', {
    incidentId: incident.data.id,
    slots: 1,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03'],
    meetingPoint: 'Posko Dinas Sosial Kapuas',
    deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  });
  expect(request.status).toBe(201);
  return request.data.request.id;
}

describe('Web Push for a phone whose page is closed', () => {
  it('sends a new offer, encrypted for the phone, that decrypts to the offer; then its cancellation', async () => {
    const phone = newPhoneKeys();
    const endpoint = `${pushOrigin}/push/phone-1`;
    const subscribed = await api<{ id: string }>(volunteerCookie, 'POST', '/api/push/subscriptions', {
      endpoint,
      keys: { p256dh: phone.p256dh, auth: phone.authText },
      locale: 'id',
    });
    expect(subscribed.status).toBe(201);

    const requestId = await kapuasRequest();
    const mine = await api<{ assignment: { id: string }; request: { id: string } }[]>(
      volunteerCookie,
      'GET',
      '/api/assignments',
    );
    const offer = mine.data.find((item) => item.request.id === requestId)!;
    expect(offer, 'the volunteer got the offer').toBeDefined();

    const [delivery] = await deliveryTo('/push/phone-1', 1);
    expect(delivery!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(delivery!.headers.ttl)).toBeGreaterThan(0);
    expect(delivery!.headers.urgency).toBe('high');
    checkVapid(delivery!.headers, pushOrigin);
    const message = JSON.parse(decrypt(delivery!.body, phone)) as PushMessage;
    expect(message).toMatchObject({
      kind: 'offer',
      assignmentId: offer.assignment.id,
      requestId,
      title: 'Permintaan penugasan baru',
      url: `/tugas?tawaran=${offer.assignment.id}`,
    });
    expect(message.body).toContain('Banjir uji push');
    expect(delivery!.body.toString('utf8')).not.toContain(offer.assignment.id);

    // The coordinator calls the offer off: the phone hears that too.
    const cancelled = await api(coordinatorCookie, 'POST', `/api/assignments/${offer.assignment.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    const [, second] = await deliveryTo('/push/phone-1', 2);
    expect(JSON.parse(decrypt(second!.body, phone))).toMatchObject({
      kind: 'cancelled',
      assignmentId: offer.assignment.id,
      title: 'Penugasan dibatalkan',
    });
  });

  it('refuses an endpoint that is no push service, and a subscription from a leader', async () => {
    const phone = newPhoneKeys();
    const keys = { p256dh: phone.p256dh, auth: phone.authText };
    const elsewhere = await api<{ error: string; details: Record<string, string[]> }>(
      volunteerCookie,
      'POST',
      '/api/push/subscriptions',
      { endpoint: 'http://10.0.0.8/internal/admin', keys },
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.data.error).toBe('Alamat layanan push ini tidak dikenal.');
    const badKey = await api(volunteerCookie, 'POST', '/api/push/subscriptions', {
      endpoint: `${pushOrigin}/push/x`,
      keys: { p256dh: 'AAAA', auth: phone.authText },
    });
    expect(badKey.status).toBe(400);
    const leader = await api<{ error: string }>(
      await signInDemo(posko.url, 'pimpinan.kalteng'),
      'POST',
      '/api/push/subscriptions',
      { endpoint: `${pushOrigin}/push/y`, keys },
    );
    expect(leader.status).toBe(403);
    expect(leader.data.error).toBe('Pemberitahuan hanya untuk relawan dan koordinator.');
  });

  it('forgets a subscription the push service says is gone, and one the phone turns off', async () => {
    const gone = newPhoneKeys();
    const kept = newPhoneKeys();
    for (const [phone, path] of [
      [gone, '/gone/phone-2'],
      [kept, '/push/phone-3'],
    ] as const) {
      const answer = await api(volunteerCookie, 'POST', '/api/push/subscriptions', {
        endpoint: `${pushOrigin}${path}`,
        keys: { p256dh: phone.p256dh, auth: phone.authText },
      });
      expect(answer.status).toBe(201);
    }
    const off = await api<{ removed: number }>(volunteerCookie, 'DELETE', '/api/push/subscriptions', {
      endpoint: `${pushOrigin}/push/phone-1`,
    });
    expect(off.data.removed).toBe(1);

    await kapuasRequest();
    await deliveryTo('/gone/phone-2', 1);
    await deliveryTo('/push/phone-3', 1);
    const before = pushService.deliveries.length;
    await kapuasRequest();
    await deliveryTo('/push/phone-3', 2);
    // The 410 removed phone-2, and phone-1 was turned off: neither hears the second request.
    expect(pushService.deliveries.slice(before).map((d) => d.path)).toEqual(['/push/phone-3']);
  });
});
