import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { volunteers } from '../../db/schema';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { startSeededPostgres, type SeededPostgres } from '../support/postgres-database';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let postgres: SeededPostgres;
let posko: PoskoProcess;
let coordinator: TestAccount;

beforeAll(async () => {
  postgres = await startSeededPostgres('demo');
  // As one of several processes: live updates go through @socket.io/postgres-adapter's LISTEN connection.
  posko = await startPoskoProcess({ DATABASE_URL: postgres.databaseUrl, POSKO_CLUSTER: '1' });
  coordinator = await createTestAccount(postgres.handle.db, { role: 'coordinator', provinceCode: '62' });
});
afterAll(async () => {
  await posko?.stop();
  await postgres?.stop();
});

interface AvailabilityEntry {
  code: string;
  name: string;
  available: number;
  deployed: number;
  unavailable: number;
  byPillar: Record<string, { available: number; deployed: number; unavailable: number }>;
}

async function directCounts(provinceCode: string) {
  const rows = await queryRows<{ regency_code: string; availability: string; n: number }>(
    postgres.handle.db,
    sql`
    select v.regency_code, v.availability::text, count(*)::int as n
    from volunteers v join regencies r on r.code = v.regency_code
    where r.province_code = ${provinceCode} group by 1, 2`,
  );
  return (code: string, availability: string) =>
    rows.find((row) => row.regency_code === code && row.availability === availability)?.n ?? 0;
}

async function anAvailableVolunteer(regencyCode: string): Promise<string> {
  const [row] = await postgres.handle.db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(and(eq(volunteers.regencyCode, regencyCode), eq(volunteers.availability, 'available')))
    .limit(1);
  return row!.id;
}

const patchAvailability = (id: string, body: string) =>
  fetch(`${posko.url}/api/volunteers/${id}/availability`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie: coordinator.cookie },
    body,
  });

describe('public read API on PostgreSQL', () => {
  it('reports health and the database in use', async () => {
    const response = await fetch(`${posko.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'postgres' });
  });

  it('returns the 14 Kalteng regencies with numbers equal to a direct count in the database', async () => {
    const response = await fetch(`${posko.url}/api/provinces/62/availability`);
    expect(response.status).toBe(200);
    const entries = (await response.json()) as AvailabilityEntry[];
    expect(entries).toHaveLength(14);
    const count = await directCounts('62');
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['available', 'byPillar', 'code', 'deployed', 'name', 'unavailable']);
      expect(entry.available, entry.code).toBe(count(entry.code, 'available'));
      expect(entry.deployed, entry.code).toBe(count(entry.code, 'deployed'));
      expect(entry.unavailable, entry.code).toBe(count(entry.code, 'unavailable'));
    }
    expect(entries.find((entry) => entry.code === '62.71')?.name).toBe('Kota Palangka Raya');
  });

  it('answers 404 with a message for an unknown province and 400 for a malformed code', async () => {
    const unknown = await fetch(`${posko.url}/api/provinces/99/availability`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/99/);
    for (const code of ['6', 'abc', '620']) {
      const malformed = await fetch(`${posko.url}/api/provinces/${code}/availability`);
      expect(malformed.status, code).toBe(400);
      expect((await malformed.json()).error).toMatch(/dua angka/);
    }
  });
});

describe('changing a volunteer’s availability', () => {
  it('changes the count the API reports', async () => {
    const id = await anAvailableVolunteer('62.06');
    const before = (
      (await (await fetch(`${posko.url}/api/provinces/62/availability`)).json()) as AvailabilityEntry[]
    ).find((entry) => entry.code === '62.06')!;
    const response = await patchAvailability(id, JSON.stringify({ availability: 'unavailable' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id, availability: 'unavailable' });
    const after = (
      (await (await fetch(`${posko.url}/api/provinces/62/availability`)).json()) as AvailabilityEntry[]
    ).find((entry) => entry.code === '62.06')!;
    expect(after.available).toBe(before.available - 1);
    expect(after.unavailable).toBe(before.unavailable + 1);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const id = await anAvailableVolunteer('62.01');
    const cases: [string, string, number][] = [
      [id, JSON.stringify({ availability: 'libur' }), 400],
      [id, '{not json', 400],
      [id, JSON.stringify({ availability: 'deployed' }), 409],
      ['not-a-uuid', JSON.stringify({ availability: 'unavailable' }), 400],
      ['00000000-0000-4000-8000-000000000000', JSON.stringify({ availability: 'unavailable' }), 404],
    ];
    for (const [volunteerId, body, status] of cases) {
      const response = await patchAvailability(volunteerId, body);
      expect(response.status, body).toBe(status);
      const answer = (await response.json()) as { error: string };
      expect(answer.error.length, body).toBeGreaterThan(10);
    }
    const [row] = await postgres.handle.db.select().from(volunteers).where(eq(volunteers.id, id));
    expect(row?.availability).toBe('available');
  });
});

describe('when PostgreSQL ends the connections (a restart, a failover)', () => {
  it('keeps serving: no crash, and requests work again once connections are back', async () => {
    await queryRows(
      postgres.handle.db,
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(posko.child.exitCode).toBeNull();
    await expect
      .poll(async () => (await fetch(`${posko.url}/api/provinces/62/availability`)).status, { timeout: 10_000 })
      .toBe(200);
  });
});
