import { createECDH, randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { pushKeys, pushSubscriptions } from '../../db/schema';
import { createSession, hashToken } from '../../server/auth/sessions';
import { pushEndpointAllowed } from '../../server/push/endpoints';
import { vapidKeys } from '../../server/push/keys';
import { subscribePush, unsubscribePush } from '../../server/push/subscribe';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { openTestDatabase } from '../support/database';
import { actorContext, actors, addVolunteers, expectDomainError } from '../support/dispatch';

let handle: DatabaseHandle;
let volunteer: TestAccount;
let sessionHash: string;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
  const [member] = await addVolunteers(handle.db, { regencyCode: '62.03', count: 1 });
  volunteer = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: member!.id });
  const { token } = await createSession(handle.db, volunteer.userId, {
    now: new Date(),
    policy: { idleMs: 3_600_000, maxMs: 86_400_000 },
  });
  sessionHash = hashToken(token);
});
afterAll(async () => {
  await handle?.close();
});

function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

const env = (origins: string[] = []) => ({ POSKO_PUSH_ORIGINS: origins });

describe('push endpoints', () => {
  it('accepts the browsers’ push services over https only', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAA',
      'https://web.push.apple.com/QGx',
      'https://wns2-by3p.notify.windows.com/w/?token=x',
    ]) {
      expect(pushEndpointAllowed(endpoint), endpoint).toBe(true);
    }
    for (const endpoint of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com:8443/fcm/send/abc',
      'https://evil-fcm.googleapis.com.example.org/x',
      'https://user:pw@fcm.googleapis.com/x',
      'http://127.0.0.1:9000/push',
      'http://169.254.169.254/latest/meta-data',
      'not a url',
    ]) {
      expect(pushEndpointAllowed(endpoint), endpoint).toBe(false);
    }
  });

  it('allows configured origins, plain http only on this machine', () => {
    expect(pushEndpointAllowed('http://127.0.0.1:9000/push/1', ['http://127.0.0.1:9000'])).toBe(true);
    expect(pushEndpointAllowed('http://127.0.0.1:9001/push/1', ['http://127.0.0.1:9000'])).toBe(false);
    expect(pushEndpointAllowed('http://push.example.org/p', ['http://push.example.org'])).toBe(false);
    expect(pushEndpointAllowed('https://push.example.org/p', ['https://push.example.org'])).toBe(true);
  });
});

describe('subscribing', () => {
  it('stores a volunteer’s subscription for its session, replacing the same browser’s earlier one', async () => {
    const ctx = { ...actorContext(handle, volunteer.actor), env: env() };
    const endpoint = 'https://fcm.googleapis.com/fcm/send/phone-a';
    const first = await subscribePush({ ctx, sessionHash, input: { endpoint, keys: browserKeys(), locale: 'en' } });
    const again = await subscribePush({ ctx, sessionHash, input: { endpoint, keys: browserKeys() } });
    expect(again.id).toBe(first.id);
    const rows = await handle.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: volunteer.userId, sessionHash, locale: 'id' });

    expect(await unsubscribePush({ ctx, input: { endpoint } })).toEqual({ removed: 1 });
    expect(await unsubscribePush({ ctx, input: { endpoint } })).toEqual({ removed: 0 });
  });

  it('refuses bad keys, unknown push services and leaders, and stores nothing', async () => {
    const ctx = { ...actorContext(handle, volunteer.actor), env: env() };
    const [before] = await handle.db.select({ n: count() }).from(pushSubscriptions);
    const endpoint = 'https://fcm.googleapis.com/fcm/send/phone-b';
    const invalid = await expectDomainError(
      subscribePush({ ctx, sessionHash, input: { endpoint, keys: { p256dh: 'AAAA', auth: 'short' } } }),
      'INVALID',
    );
    expect(Object.keys(invalid.details ?? {})).toEqual(expect.arrayContaining(['keys.p256dh', 'keys.auth']));
    await expectDomainError(
      subscribePush({ ctx, sessionHash, input: { endpoint: 'https://example.org/push', keys: browserKeys() } }),
      'INVALID',
    );
    const leader = { ...actorContext(handle, actors.leader('62')), env: env() };
    await expectDomainError(
      subscribePush({ ctx: leader, sessionHash, input: { endpoint, keys: browserKeys() } }),
      'FORBIDDEN',
    );
    const [after] = await handle.db.select({ n: count() }).from(pushSubscriptions);
    expect(after!.n).toBe(before!.n);
  });
});

describe('VAPID keys', () => {
  it('uses the configured pair, or generates one once and keeps it', async () => {
    const configured = { POSKO_VAPID_PUBLIC_KEY: 'B'.repeat(87), POSKO_VAPID_PRIVATE_KEY: 'k'.repeat(43) };
    expect(await vapidKeys(handle.db, configured)).toEqual({ publicKey: 'B'.repeat(87), privateKey: 'k'.repeat(43) });

    const none = { POSKO_VAPID_PUBLIC_KEY: undefined, POSKO_VAPID_PRIVATE_KEY: undefined };
    const [first, second] = await Promise.all([vapidKeys(handle.db, none), vapidKeys(handle.db, none)]);
    expect(second).toEqual(first);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(await vapidKeys(handle.db, none)).toEqual(first);
    expect(await handle.db.select().from(pushKeys)).toHaveLength(1);
  });
});
