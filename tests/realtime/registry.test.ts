import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegencyAvailability } from '../../lib/availability';
import type { Ack, AvailabilityChanged, MapSnapshot } from '../../lib/realtime';
import { getAppContext } from '../../server/context';
import { createVolunteer } from '../../server/volunteers/create-volunteer';
import { moveVolunteer } from '../../server/volunteers/move-volunteer';
import { reinstateVolunteer } from '../../server/volunteers/reinstate-volunteer';
import { retireVolunteer } from '../../server/volunteers/retire-volunteer';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { connectClient, openClient, startRealtimeServer, type TestClient } from '../support/realtime';
import { newVolunteer } from '../support/registry';

let server: Awaited<ReturnType<typeof startRealtimeServer>>;
let coordinator: TestAccount;
let watcher: TestClient;
const clients: TestClient[] = [];
const changes: AvailabilityChanged[] = [];

beforeAll(async () => {
  server = await startRealtimeServer('demo');
  coordinator = await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' });
  watcher = await connectClient(server.url, { cookie: coordinator.cookie });
  clients.push(watcher);
  watcher.on('availability:changed', (change) => changes.push(change));
  const watched = await watcher.timeout(5_000).emitWithAck('map:watch', { provinceCode: '62' });
  expect(watched.ok).toBe(true);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

const ctx = () => ({ ...getAppContext(), actor: coordinator.actor });

/** The recounted regencies a map watcher receives for the next change, waiting up to 3 s. */
async function nextChange(): Promise<Map<string, RegencyAvailability>> {
  const seen = changes.length;
  const deadline = Date.now() + 3_000;
  while (changes.length === seen && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const change = changes[seen];
  if (!change) throw new Error('no availability:changed within 3 s');
  return new Map(change.regencies.map((regency) => [regency.code, regency]));
}

describe('the map follows the registry live', () => {
  it('recounts a kabupaten when a volunteer is added, moved (both ends), retired and reinstated', async () => {
    const snapshot = (await watcher
      .timeout(5_000)
      .emitWithAck('map:watch', { provinceCode: '62' })) as Ack<MapSnapshot>;
    if (!snapshot.ok) throw new Error(snapshot.error);
    const start = new Map(snapshot.data.regencies.map((regency) => [regency.code, regency]));
    const kapuas = start.get('62.03')!.available;
    const palangka = start.get('62.71')!.available;

    const created = nextChange();
    const volunteer = await createVolunteer({ ctx: ctx(), input: newVolunteer() });
    expect((await created).get('62.03')!.available).toBe(kapuas + 1);

    const moved = nextChange();
    await moveVolunteer({ ctx: ctx(), input: { volunteerId: volunteer.id, regencyCode: '62.71' } });
    const afterMove = await moved;
    expect(afterMove.get('62.71')!.available).toBe(palangka + 1);
    expect(afterMove.get('62.03')!.available).toBe(kapuas);

    const retired = nextChange();
    await retireVolunteer({ ctx: ctx(), input: { volunteerId: volunteer.id, reason: 'Pindah kerja' } });
    expect((await retired).get('62.71')!.available).toBe(palangka);

    const reinstated = nextChange();
    await reinstateVolunteer({ ctx: ctx(), input: { volunteerId: volunteer.id } });
    const back = (await reinstated).get('62.71')!;
    expect(back.available).toBe(palangka);
    expect(back.unavailable).toBe(start.get('62.71')!.unavailable + 1);
  });
});

describe('retiring a volunteer with an account', () => {
  it('closes its open sockets within about 2 s and refuses the next handshake', async () => {
    const volunteer = await createVolunteer({ ctx: ctx(), input: newVolunteer() });
    const account = await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId: volunteer.id });
    const phone = await connectClient(server.url, { cookie: account.cookie });
    clients.push(phone);
    const started = Date.now();
    const closed = new Promise<{ afterMs: number; sawEnded: boolean }>((resolve, reject) => {
      let sawEnded = false;
      phone.once('session:ended', () => (sawEnded = true));
      const timer = setTimeout(() => reject(new Error('still connected after 5 s')), 5_000);
      phone.once('disconnect', () => {
        clearTimeout(timer);
        resolve({ afterMs: Date.now() - started, sawEnded });
      });
    });
    await retireVolunteer({ ctx: ctx(), input: { volunteerId: volunteer.id, reason: 'Mengundurkan diri' } });
    const { afterMs, sawEnded } = await closed;
    expect(sawEnded).toBe(true);
    expect(afterMs).toBeLessThan(3_000);

    const again = openClient(server.url, { cookie: account.cookie });
    clients.push(again);
    const answer = await new Promise<string>((resolve) => {
      again.once('connect', () => resolve('connected'));
      again.once('connect_error', (error) => resolve(error.message));
    });
    expect(answer).toBe('UNAUTHENTICATED');
  });
});
