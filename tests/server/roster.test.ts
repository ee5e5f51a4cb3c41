import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../db/client';
import { DomainError } from '../../server/errors';
import { rosterChoices, volunteerRecord } from '../../server/volunteers/queries';
import { phoneDigits, rosterPage, type RosterRow } from '../../server/volunteers/roster';
import { openTestDatabase } from '../support/database';
import { actors } from '../support/dispatch';

let handle: DatabaseHandle;
const now = new Date();
const kalteng = actors.coordinator('62');
const kapuas = actors.coordinator('62', '62.03');
const jabar = actors.coordinator('32');

const page = (actor = kalteng, input: Record<string, unknown> = {}) => rosterPage(handle.db, actor, input, now);

async function refusal(run: () => Promise<unknown>): Promise<DomainError> {
  const error = await run().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function direct(where: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    handle.db,
    sql.raw(`select count(*)::int as n from volunteers v where v.regency_code like '62.%' and ${where}`),
  );
  return row!.n;
}

/** Every row of a view, walking its pages. */
async function everyRow(input: Record<string, unknown>, pageSize = 100): Promise<RosterRow[]> {
  const rows: RosterRow[] = [];
  for (let number = 1; ; number += 1) {
    const result = await page(kalteng, { ...input, page: number, pageSize });
    rows.push(...result.rows);
    if (result.rows.length < pageSize) return rows;
  }
}

beforeAll(async () => {
  handle = await openTestDatabase('demo');
});
afterAll(async () => {
  await handle?.close();
});

describe('rosterPage: scope', () => {
  it('gives a kabupaten coordinator only its kabupaten and a province coordinator only its province', async () => {
    const own = await page(kapuas, { pageSize: 200 });
    expect(own.total).toBe(await direct(`v.regency_code = '62.03'`));
    expect(own.rows.every((row) => row.regencyCode === '62.03')).toBe(true);
    // Asking for another kabupaten does not widen the scope.
    expect((await page(kapuas, { regencyCode: '62.11' })).total).toBe(0);

    const province = await page(kalteng);
    expect(province.total).toBe(await direct('true'));
    expect((await page(jabar, { regencyCode: '62.03' })).total).toBe(0);
  });

  it('refuses leaders and volunteers', async () => {
    expect((await refusal(() => page(actors.leader('62')))).code).toBe('FORBIDDEN');
  });
});

describe('rosterPage: filters', () => {
  it('filters by pillar, availability, civil servant and kabupaten, counting exactly what matches', async () => {
    const tagana = await page(kalteng, { pillarCode: 'tagana', pageSize: 200 });
    expect(tagana.total).toBe(await direct(`v.pillar_code = 'tagana'`));
    expect(tagana.rows.every((row) => row.pillarCode === 'tagana')).toBe(true);

    const standby = await page(kalteng, { availability: 'available', regencyCode: '62.01', pageSize: 200 });
    expect(standby.total).toBe(await direct(`v.availability = 'available' and v.regency_code = '62.01'`));
    expect(standby.rows.every((row) => row.availability === 'available' && row.regencyCode === '62.01')).toBe(true);

    const asn = await page(kalteng, { civilServant: 'yes' });
    const nonAsn = await page(kalteng, { civilServant: 'no' });
    expect(asn.total).toBe(await direct('v.is_civil_servant'));
    expect(asn.total + nonAsn.total).toBe((await page()).total);
    expect(nonAsn.rows.every((row) => !row.isCivilServant)).toBe(true);
  });

  it('filters by a completed training', async () => {
    const choices = await rosterChoices(handle.db, kalteng, '62');
    expect(choices.trainings.length).toBeGreaterThan(0);
    const training = choices.trainings[0]!;
    const trained = await page(kalteng, { trainingId: training.id, pageSize: 200 });
    expect(trained.total).toBe(
      await direct(
        `exists (select 1 from volunteer_trainings t where t.volunteer_id = v.id and t.training_id = '${training.id}')`,
      ),
    );
    expect(trained.total).toBeGreaterThan(0);
    expect(trained.rows.every((row) => row.trainings > 0)).toBe(true);
  });

  it('finds a volunteer by part of the name, or by phone digits written any usual way', async () => {
    const [someone] = (await page(kalteng, { pageSize: 1, page: 37 })).rows;
    const byName = await page(kalteng, { search: someone!.name.toUpperCase() });
    expect(byName.rows.map((row) => row.id)).toContain(someone!.id);
    expect(byName.rows.every((row) => row.name.toLowerCase().includes(someone!.name.toLowerCase()))).toBe(true);

    const local = `0${someone!.phone.slice(3)}`;
    for (const written of [
      local,
      `${local.slice(0, 4)}-${local.slice(4)}`,
      someone!.phone,
      someone!.phone.slice(3, 11),
    ]) {
      const byPhone = await page(kalteng, { search: written });
      expect(
        byPhone.rows.map((row) => row.id),
        written,
      ).toContain(someone!.id);
    }
    expect(phoneDigits('+62 812-3456')).toBe('8123456');
    expect(phoneDigits('Siti')).toBeNull();
    // Wildcards are searched for, not used.
    expect((await page(kalteng, { search: '%' })).total).toBe(0);
  });
});

describe('rosterPage: sorting and paging', () => {
  it('sorts by name, kabupaten, pillar and availability both ways', async () => {
    // Both databases here use the C collation: plain code-point order.
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const dir of ['asc', 'desc'] as const) {
      const sign = dir === 'asc' ? 1 : -1;
      const byRegency = (await page(kalteng, { sort: 'regency', dir, pageSize: 200 })).rows;
      const byPillar = (await page(kalteng, { sort: 'pillar', dir, pageSize: 200 })).rows;
      const byAvailability = (await page(kalteng, { sort: 'availability', dir, pageSize: 200 })).rows;
      const byName = (await page(kalteng, { sort: 'name', dir, pageSize: 200 })).rows;
      const order = ['available', 'deployed', 'unavailable'];
      for (let i = 1; i < 200; i += 1) {
        expect(sign * compare(byRegency[i]!.regencyName, byRegency[i - 1]!.regencyName)).toBeGreaterThanOrEqual(0);
        expect(sign * compare(byPillar[i]!.pillar, byPillar[i - 1]!.pillar)).toBeGreaterThanOrEqual(0);
        expect(
          sign * (order.indexOf(byAvailability[i]!.availability) - order.indexOf(byAvailability[i - 1]!.availability)),
        ).toBeGreaterThanOrEqual(0);
        expect(sign * compare(byName[i]!.name, byName[i - 1]!.name)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('sorts by last deployment with the never-deployed last either way', async () => {
    const deployed = await direct(
      `exists (select 1 from assignments a where a.volunteer_id = v.id and a.status in ('accepted','en_route','on_site','completed'))`,
    );
    expect(deployed).toBeGreaterThan(1);
    for (const dir of ['desc', 'asc'] as const) {
      const rows = (await page(kalteng, { sort: 'lastDeployment', dir, pageSize: deployed + 5 })).rows;
      const dates = rows.slice(0, deployed).map((row) => row.lastDeployedAt!.getTime());
      expect(dates.every(Number.isFinite)).toBe(true);
      expect(dates).toEqual([...dates].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
      expect(rows.slice(deployed).every((row) => row.lastDeployedAt === null)).toBe(true);
    }
  });

  it('walks every page of a sorted view without a repeat or a gap', async () => {
    const view = { sort: 'availability', dir: 'desc', regencyCode: '62.71' };
    const rows = await everyRow(view, 37);
    const ids = new Set(rows.map((row) => row.id));
    expect(ids.size).toBe(rows.length);
    expect(rows.length).toBe((await page(kalteng, view)).total);
  });

  it('refuses a sort, a page size or a filter it does not know, saying which', async () => {
    const error = await refusal(() => page(kalteng, { sort: 'age', pageSize: 1000, availability: 'busy' }));
    expect(error.code).toBe('INVALID');
    expect(Object.keys(error.details!).sort()).toEqual(['availability', 'pageSize', 'sort']);
    expect((await refusal(() => page(kalteng, { trainingId: 'latsar' }))).details).toHaveProperty('trainingId');
  });

  it('reads blank parameters as no filter, as an emptied form sends them', async () => {
    const blank = await page(kalteng, { pillarCode: '', availability: '', search: '', sort: '', page: '' });
    expect(blank.total).toBe((await page()).total);
    expect(blank.page).toBe(1);
  });
});

describe('volunteerRecord', () => {
  it('shows a deployed volunteer with trainings and deployments in the incident province zone', async () => {
    const [someone] = await queryRows<{ id: string }>(
      handle.db,
      sql`select a.volunteer_id as id from assignments a join volunteers v on v.id = a.volunteer_id
          where v.regency_code like '62.%' and a.status in ('accepted','en_route','on_site','completed')
          and exists (select 1 from volunteer_trainings t where t.volunteer_id = v.id) limit 1`,
    );
    expect(someone).toBeDefined();
    const record = await volunteerRecord(handle.db, kalteng, someone!.id);
    expect(record.trainings.length).toBeGreaterThan(0);
    expect(record.deployments.length).toBeGreaterThan(0);
    expect(record.deployments[0]!.timeZone).toBe('Asia/Jakarta');
    expect(record.deployments[0]!.pillarNames.length).toBeGreaterThan(0);
    // Another province's coordinator, a malformed id and an unknown one: the same "not found".
    expect((await refusal(() => volunteerRecord(handle.db, jabar, someone!.id))).code).toBe('NOT_FOUND');
    expect((await refusal(() => volunteerRecord(handle.db, kalteng, 'bukan-id'))).code).toBe('NOT_FOUND');
    expect(
      (await refusal(() => volunteerRecord(handle.db, kalteng, '00000000-0000-4000-8000-000000000000'))).code,
    ).toBe('NOT_FOUND');
  });

  it('hides a volunteer of another kabupaten from a kabupaten coordinator', async () => {
    const [elsewhere] = (await page(kalteng, { regencyCode: '62.11', pageSize: 1 })).rows;
    expect((await refusal(() => volunteerRecord(handle.db, kapuas, elsewhere!.id))).code).toBe('NOT_FOUND');
    expect((await volunteerRecord(handle.db, kalteng, elsewhere!.id)).regencyName).toBe(elsewhere!.regencyName);
  });
});
