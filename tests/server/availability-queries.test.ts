import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../db/client';
import { availabilityByRegency, pillarsForProvince } from '../../server/regencies/queries';
import { openTestDatabase } from '../support/database';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('demo');
});
afterAll(async () => {
  await handle?.close();
});

describe('availabilityByRegency', () => {
  it('lists all 14 kabupaten/kota of Kalimantan Tengah with counts equal to a direct count', async () => {
    const entries = await availabilityByRegency(handle.db, '62');
    expect(entries.map((entry) => entry.code)).toEqual([
      '62.01',
      '62.02',
      '62.03',
      '62.04',
      '62.05',
      '62.06',
      '62.07',
      '62.08',
      '62.09',
      '62.10',
      '62.11',
      '62.12',
      '62.13',
      '62.71',
    ]);
    const direct = await queryRows<{ regency_code: string; availability: string; n: number }>(
      handle.db,
      sql`
      select regency_code, availability::text, count(*)::int as n
      from volunteers where regency_code like '62.%' group by 1, 2`,
    );
    for (const entry of entries) {
      for (const availability of ['available', 'deployed', 'unavailable'] as const) {
        const expected =
          direct.find((row) => row.regency_code === entry.code && row.availability === availability)?.n ?? 0;
        expect(entry[availability], `${entry.code} ${availability}`).toBe(expected);
      }
      const perPillar = Object.values(entry.byPillar).reduce((sum, counts) => sum + counts.available, 0);
      expect(perPillar).toBe(entry.available);
    }
    expect(entries.every((entry) => entry.available > 0)).toBe(true);
  });

  it('lists regencies with nobody registered as zeros rather than leaving them out', async () => {
    const entries = await availabilityByRegency(handle.db, '94');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.available === 0 && Object.keys(entry.byPillar).length === 0)).toBe(true);
  });

  it('offers the national pillars everywhere and a province-added pillar only in its province', async () => {
    const kalteng = (await pillarsForProvince(handle.db, '62')).map((pillar) => pillar.code);
    const jabar = (await pillarsForProvince(handle.db, '32')).map((pillar) => pillar.code);
    expect(kalteng).toEqual(expect.arrayContaining(['tagana', 'psm', 'tksk', 'kalteng_berkah']));
    expect(jabar).toContain('tagana');
    expect(jabar).not.toContain('kalteng_berkah');
  });
});
