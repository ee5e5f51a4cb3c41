import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users, volunteers } from '../../db/schema';
import { rooms, type VolunteerUpdated } from '../../lib/realtime';
import { endSessions } from '../../server/accounts/end-sessions';
import { getAppContext } from '../../server/context';
import { setVolunteerAvailability } from '../../server/volunteers/set-availability';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { connectClient, openClient, startRealtimeServer, type TestClient } from '../support/realtime';

let server: Awaited<ReturnType<typeof startRealtimeServer>>;
let coordinator: TestAccount;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startRealtimeServer('demo');
  coordinator = await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

async function connected(account: TestAccount): Promise<TestClient> {
  const client = await connectClient(server.url, { cookie: account.cookie });
  clients.push(client);
  return client;
}

/** The handshake's answer: connected, or the reason it was refused. */
function handshake(options: { cookie?: string; origin?: string }): Promise<string> {
  const client = openClient(server.url, options);
  clients.push(client);
  return new Promise((resolve) => {
    client.once('connect', () => resolve('connected'));
    client.once('connect_error', (error) => resolve(`refused: ${error.message}`));
  });
}

async function volunteerAccounts(count: number): Promise<TestAccount[]> {
  const rows = await server.handle.db
    .select({ id: volunteers.id })
    .from(volunteers)
    .leftJoin(users, eq(users.volunteerId, volunteers.id))
    .where(and(eq(volunteers.regencyCode, '62.03'), eq(volunteers.availability, 'available'), isNull(users.id)))
    .orderBy(volunteers.id)
    .limit(count);
  return Promise.all(
    rows.map((row) => createTestAccount(server.handle.db, { role: 'volunteer', volunteerId: row.id })),
  );
}

/** Milliseconds until the client is disconnected by the server, or rejects after `ms`. */
function disconnectedWithin(client: TestClient, ms: number): Promise<{ afterMs: number; sawEnded: boolean }> {
  const started = Date.now();
  let sawEnded = false;
  client.once('session:ended', () => (sawEnded = true));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    client.once('disconnect', () => {
      clearTimeout(timer);
      resolve({ afterMs: Date.now() - started, sawEnded });
    });
  });
}

describe('the socket handshake', () => {
  it('refuses a client without a session, or with a made-up one', async () => {
    expect(await handshake({})).toBe('refused: UNAUTHENTICATED');
    expect(await handshake({ cookie: 'posko_session=dibuat-buat' })).toBe('refused: UNAUTHENTICATED');
  });

  it("refuses a page from another site even with a valid session cookie, and accepts Posko's own", async () => {
    expect(await handshake({ cookie: coordinator.cookie, origin: 'https://situs-jahat.example' })).toMatch(/^refused/);
    const own = new URL(server.url).origin;
    expect(await handshake({ cookie: coordinator.cookie, origin: own })).toBe('connected');
  });
});

describe('a session that ends closes its sockets', () => {
  it('within 5 s of being revoked ("keluar dari semua perangkat" for a stolen phone)', async () => {
    const [phone] = await volunteerAccounts(1);
    const socket = await connected(phone!);
    const closed = disconnectedWithin(socket, 5_000);
    await endSessions({ ctx: { ...getAppContext(), actor: coordinator.actor }, input: { userId: phone!.userId } });
    const { afterMs, sawEnded } = await closed;
    expect(afterMs).toBeLessThan(5_000);
    expect(sawEnded).toBe(true);
    expect(await handshake({ cookie: phone!.cookie })).toBe('refused: UNAUTHENTICATED');
  });

  it('within 5 s of expiring, while another session of the same person stays connected', async () => {
    const leader = await createTestAccount(server.handle.db, { role: 'leader', provinceCode: '62' });
    const second = await createTestAccount(server.handle.db, { role: 'leader', provinceCode: '62' });
    const [expiring, staying] = await Promise.all([connected(leader), connected(second)]);
    const closed = disconnectedWithin(expiring, 5_000);
    await server.handle.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(sessions.userId, leader.userId));
    expect((await closed).afterMs).toBeLessThan(5_000);
    expect(staying.connected).toBe(true);
  });
});

describe('rooms come from the server', () => {
  it("a volunteer cannot join another volunteer's room by asking for it, and never hears its updates", async () => {
    const [alice, budi] = await volunteerAccounts(2);
    const [aliceSocket, budiSocket] = await Promise.all([connected(alice!), connected(budi!)]);
    const budiId = budi!.actor.role === 'volunteer' ? budi!.actor.volunteerId : '';
    const budiRoom = rooms.volunteer(budiId);

    // Every way a client might ask: none is a command, so none is obeyed.
    const untyped = aliceSocket as unknown as { emit(event: string, ...args: unknown[]): void };
    for (const event of ['join', 'room:join', 'subscribe', 'volunteer:watch']) {
      untyped.emit(event, budiRoom);
      untyped.emit(event, { room: budiRoom, volunteerId: budiId });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const inBudiRoom = await server.realtime.io.in(budiRoom).fetchSockets();
    expect(inBudiRoom.map((socket) => socket.id)).toEqual([budiSocket.id]);

    const heardByAlice: VolunteerUpdated[] = [];
    aliceSocket.on('volunteer:updated', (update) => heardByAlice.push(update));
    const heardByBudi = new Promise<VolunteerUpdated>((resolve) => budiSocket.once('volunteer:updated', resolve));
    await setVolunteerAvailability({
      ctx: { ...getAppContext(), actor: coordinator.actor },
      input: { volunteerId: budiId, availability: 'unavailable' },
    });
    expect(await heardByBudi).toMatchObject({ volunteerId: budiId, availability: 'unavailable' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heardByAlice).toEqual([]);
  });

  it('closes a socket that sends a message far over the size cap', async () => {
    const socket = await connected(coordinator);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('map:watch', { provinceCode: 'x'.repeat(64 * 1024) }, () => {});
    expect(await closed).toMatch(/transport/);
  });
});
