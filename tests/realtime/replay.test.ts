import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regencies, volunteers } from '../../db/schema';
import { MAX_REPLAY, type Ack, type EventsSinceResult, type LiveEvent } from '../../lib/realtime';
import { getAppContext } from '../../server/context';
import { appendEvents } from '../../server/events/append';
import { setVolunteerAvailability } from '../../server/volunteers/set-availability';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { connectClient, startRealtimeServer, type TestClient } from '../support/realtime';

let server: Awaited<ReturnType<typeof startRealtimeServer>>;
let kalteng: TestAccount;
let admin: TestAccount;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startRealtimeServer('demo');
  [kalteng, admin] = await Promise.all([
    createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' }),
    createTestAccount(server.handle.db, { role: 'admin' }),
  ]);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

async function availableIn(provinceCode: string, count: number): Promise<string[]> {
  const rows = await server.handle.db
    .select({ id: volunteers.id })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(and(eq(regencies.provinceCode, provinceCode), eq(volunteers.availability, 'available')))
    .orderBy(volunteers.id)
    .limit(count);
  return rows.map((row) => row.id);
}

const changeAvailability = (volunteerId: string) =>
  setVolunteerAvailability({
    ctx: { ...getAppContext(), actor: admin.actor },
    input: { volunteerId, availability: 'unavailable' },
  });

/** A page's way of following the log: live events, and after a reconnect what it missed; each id once. */
function follow(client: TestClient) {
  const received: LiveEvent[] = [];
  const seen = new Set<number>();
  let position = 0;
  const apply = (events: LiveEvent[]) => {
    for (const event of events) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      received.push(event);
      position = Math.max(position, event.id);
    }
  };
  client.on('events:appended', (events) => apply(events));
  return {
    received,
    position: () => position,
    setPosition: (value: number) => (position = value),
    async catchUp(): Promise<EventsSinceResult> {
      const result = (await client
        .timeout(5_000)
        .emitWithAck('events:since', { after: position })) as Ack<EventsSinceResult>;
      if (!result.ok) throw new Error(result.error);
      if (!result.data.reset) apply(result.data.events);
      return result.data;
    },
  };
}

describe('a client that was offline', () => {
  it('gets exactly the 20 changes of its scope that it missed, in order, once each — not the 20 elsewhere', async () => {
    const [inScope, elsewhere] = await Promise.all([availableIn('62', 20), availableIn('32', 20)]);
    const client = await connectClient(server.url, { cookie: kalteng.cookie });
    clients.push(client);
    const log = follow(client);

    // One live change first, so the client has a position of its own.
    await changeAvailability(inScope[0]!);
    await expect.poll(() => log.received.length).toBe(1);
    const before = log.position();

    client.disconnect();
    for (let i = 0; i < 20; i += 1) {
      await changeAvailability(elsewhere[i]!);
      if (i > 0) await changeAvailability(inScope[i]!);
    }
    await changeAvailability((await availableIn('62', 1))[0]!);

    client.connect();
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const replay = await log.catchUp();
    expect(replay.reset).toBe(false);
    // Asking again (a second reconnect) must not double anything.
    await log.catchUp();

    const missed = log.received.slice(1);
    expect(missed).toHaveLength(20);
    expect(missed.every((event) => event.provinceCode === '62' && event.id > before)).toBe(true);
    const ids = missed.map((event) => event.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(20);
    const volunteerIds = missed.map((event) => event.volunteerId);
    expect(volunteerIds.slice(0, 19)).toEqual(inScope.slice(1));
    expect(volunteerIds.some((id) => elsewhere.includes(id!))).toBe(false);
  });

  it('is told to reload instead when it missed more than the replay holds', async () => {
    const client = await connectClient(server.url, { cookie: kalteng.cookie });
    clients.push(client);
    const log = follow(client);
    const start = (await log.catchUp()).position;
    log.setPosition(start);
    client.disconnect();
    await server.handle.db.transaction((tx) =>
      appendEvents(
        tx,
        Array.from({ length: MAX_REPLAY + 1 }, (_, i) => ({ type: 'test.bulk', provinceCode: '62', payload: { i } })),
      ),
    );
    client.connect();
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const replay = await log.catchUp();
    expect(replay.reset).toBe(true);
    expect(replay.position).toBeGreaterThan(start + MAX_REPLAY);
  });

  it('as a volunteer, replays only its own events and the requests of its province', async () => {
    const [mine, other] = await availableIn('62', 2);
    const phone = await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId: mine! });
    const client = await connectClient(server.url, { cookie: phone.cookie });
    clients.push(client);
    const log = follow(client);
    log.setPosition((await log.catchUp()).position);
    log.received.length = 0; // what the demo had before: the requests of the province
    client.disconnect();
    await changeAvailability(other!);
    await changeAvailability(mine!);
    client.connect();
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    await log.catchUp();
    expect(log.received.map((event) => event.volunteerId)).toEqual([mine]);
  });
});
