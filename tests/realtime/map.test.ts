import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volunteers } from '../../db/schema';
import type { Ack, MapSnapshot } from '../../lib/realtime';
import { getAppContext } from '../../server/context';
import { setVolunteerAvailability } from '../../server/volunteers/set-availability';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { connectClient, nextEvent, startRealtimeServer, type TestClient } from '../support/realtime';

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

async function client(): Promise<TestClient> {
  const socket = await connectClient(server.url, { cookie: coordinator.cookie });
  clients.push(socket);
  return socket;
}

function watch(socket: TestClient, provinceCode: unknown): Promise<Ack<MapSnapshot>> {
  return socket.timeout(5_000).emitWithAck('map:watch', { provinceCode } as { provinceCode: string });
}

async function availableVolunteerIn(regencyCode: string) {
  const [row] = await server.handle.db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(and(eq(volunteers.regencyCode, regencyCode), eq(volunteers.availability, 'available')))
    .limit(1);
  return row!.id;
}

describe('map:watch', () => {
  it('answers with a snapshot of all 14 Kalteng regencies', async () => {
    const result = await watch(await client(), '62');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.regencies).toHaveLength(14);
    expect(result.data.regencies.find((r) => r.code === '62.03')?.name).toBe('Kabupaten Kapuas');
  });

  it('pushes the new count to every client watching the province, and not to other provinces', async () => {
    const [kalteng, leader, jabar] = await Promise.all([client(), client(), client()]);
    const snapshot = await watch(kalteng, '62');
    await watch(leader, '62');
    await watch(jabar, '32');
    if (!snapshot.ok) throw new Error(snapshot.error);
    const before = snapshot.data.regencies.find((r) => r.code === '62.03')!.available;

    const jabarReceived: unknown[] = [];
    jabar.on('availability:changed', (payload) => jabarReceived.push(payload));
    const atCoordinator = nextEvent(kalteng, 'availability:changed');
    const atLeader = nextEvent(leader, 'availability:changed');
    await setVolunteerAvailability({
      ctx: { ...getAppContext(), actor: coordinator.actor },
      input: { volunteerId: await availableVolunteerIn('62.03'), availability: 'unavailable' },
    });

    for (const change of await Promise.all([atCoordinator, atLeader])) {
      expect(change.provinceCode).toBe('62');
      expect(change.eventId).toBeGreaterThan(snapshot.data.position);
      expect(change.regencies).toHaveLength(1);
      expect(change.regencies[0]).toMatchObject({ code: '62.03', available: before - 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(jabarReceived).toEqual([]);
  });

  it('gives a client that reconnects the changes it missed, in a fresh snapshot', async () => {
    const phone = await client();
    const first = await watch(phone, '62');
    if (!first.ok) throw new Error(first.error);
    phone.disconnect();

    await setVolunteerAvailability({
      ctx: { ...getAppContext(), actor: coordinator.actor },
      input: { volunteerId: await availableVolunteerIn('62.71'), availability: 'unavailable' },
    });

    phone.connect();
    await new Promise<void>((resolve) => phone.once('connect', () => resolve()));
    const again = await watch(phone, '62');
    if (!again.ok) throw new Error(again.error);
    const count = (snapshot: MapSnapshot) => snapshot.regencies.find((r) => r.code === '62.71')!.available;
    expect(again.data.position).toBeGreaterThan(first.data.position);
    expect(count(again.data)).toBe(count(first.data) - 1);
  });

  it('refuses a malformed or unknown province with a message, and keeps serving the socket', async () => {
    const socket = await client();
    const malformed = await watch(socket, '6');
    expect(malformed).toMatchObject({ ok: false, code: 'INVALID' });
    const notAnObject = await socket.timeout(5_000).emitWithAck('map:watch', 'x' as never);
    expect(notAnObject).toMatchObject({ ok: false, code: 'INVALID' });
    const unknown = await watch(socket, '99');
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND', error: expect.stringContaining('99') });
    expect((await watch(socket, '62')).ok).toBe(true);
  });
});
