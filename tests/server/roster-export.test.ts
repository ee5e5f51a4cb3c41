import { and, count, desc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { events, users, volunteers } from '../../db/schema';
import type { Actor } from '../../server/auth/actor';
import { DomainError } from '../../server/errors';
import { rosterCsv } from '../../server/volunteers/export-files';
import { maskPhone } from '../../lib/privacy';
import { exportRoster } from '../../server/volunteers/export-roster';
import { rosterPage } from '../../server/volunteers/roster';
import { openTestDatabase } from '../support/database';
import { testContext } from '../support/domain';

const KALTENG: Actor = {
  role: 'coordinator',
  userId: '00000000-0000-4000-8000-000000000001',
  name: 'Koordinator Kalteng',
  scope: { provinceCode: '62', regencyCode: null },
};
const KAPUAS: Actor = { ...KALTENG, scope: { provinceCode: '62', regencyCode: '62.03' } };
const LEADER: Actor = { ...KALTENG, role: 'leader', name: 'Pimpinan Kalteng' };
const ADMIN: Actor = { role: 'admin', userId: KALTENG.userId, name: 'Admin' };

let handle: DatabaseHandle;
const NIK = '6203014107960001';

beforeAll(async () => {
  handle = await openTestDatabase('demo');
  await handle.db
    .insert(users)
    .values({ id: KALTENG.userId, role: 'coordinator', displayName: 'Koordinator Uji', provinceCode: '62' })
    .onConflictDoNothing();
  // One Kapuas Tagana volunteer has a NIK on record.
  const [first] = await handle.db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(and(eq(volunteers.regencyCode, '62.03'), eq(volunteers.pillarCode, 'tagana')))
    .limit(1);
  await handle.db.update(volunteers).set({ nik: NIK }).where(eq(volunteers.id, first!.id));
});
afterAll(async () => {
  await handle?.close();
});

const actingAs = (actor: Actor) => ({ ...testContext(handle), actor });

describe('exportRoster', () => {
  it('carries every row of the filtered view, in the view’s order, and logs roster.exported', async () => {
    const filters = { regencyCode: '62.03', pillarCode: 'tagana', sort: 'name', dir: 'desc' };
    const ctx = actingAs(KALTENG);
    const exported = await exportRoster({ ctx, input: { ...filters, page: 2, pageSize: 5 } });
    const all = await rosterPage(handle.db, KALTENG, { ...filters, pageSize: 200 }, new Date());
    expect(all.total).toBeGreaterThan(5);
    expect(exported.rows).toHaveLength(all.total);
    expect(exported.rows.map((row) => row[0])).toEqual(all.rows.map((row) => row.name));
    expect(exported.columns).toContain('NIK');
    expect(exported.rows.some((row) => row.includes(NIK))).toBe(true);
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: 'roster.exported',
      provinceCode: '62',
      actorId: KALTENG.userId,
      payload: {
        rows: all.total,
        masked: false,
        filters: { regencyCode: '62.03', pillarCode: 'tagana', sort: 'name', dir: 'desc' },
      },
    });
  });

  it('gives a leader masked phone numbers and no NIK column', async () => {
    const exported = await exportRoster({ ctx: actingAs(LEADER), input: { regencyCode: '62.03' } });
    const phone = exported.columns.indexOf('No HP');
    expect(exported.columns).not.toContain('NIK');
    expect(exported.rows.length).toBeGreaterThan(0);
    for (const row of exported.rows) expect(row[phone]).toMatch(/^\+62\d{3}\*+\d{4}$/);
    expect(JSON.stringify(exported.rows)).not.toContain(NIK);
    expect(maskPhone('+6281234567890')).toBe('+62812****7890');
  });

  it('stays inside the scope: a kabupaten coordinator’s export holds its kabupaten only', async () => {
    const exported = await exportRoster({ ctx: actingAs(KAPUAS), input: { regencyCode: '62.11' } });
    expect(exported.rows).toEqual([]);
    const own = await exportRoster({ ctx: actingAs(KAPUAS), input: {} });
    const regency = own.columns.indexOf('Kabupaten/Kota');
    expect(new Set(own.rows.map((row) => row[regency]))).toEqual(new Set(['Kabupaten Kapuas']));
    const [kapuas] = await handle.db.select({ n: count() }).from(volunteers).where(eq(volunteers.regencyCode, '62.03'));
    expect(own.rows).toHaveLength(kapuas!.n);
  });

  it('logs an admin’s export once per province it holds, refuses volunteers and bad filters', async () => {
    const ctx = actingAs(ADMIN);
    const exported = await exportRoster({ ctx, input: { search: 'a' } });
    const provinces = ctx.published.map((event) => event.provinceCode).sort();
    expect(new Set(provinces).size).toBe(provinces.length);
    expect(ctx.published.reduce((sum, event) => sum + Number(event.payload.rows), 0)).toBe(exported.rows.length);
    const volunteer: Actor = {
      role: 'volunteer',
      userId: KALTENG.userId,
      name: 'Relawan',
      volunteerId: KALTENG.userId,
      provinceCode: '62',
      regencyCode: '62.03',
      pillarCode: 'tagana',
      isTeamLeader: false,
    };
    await expect(exportRoster({ ctx: actingAs(volunteer), input: {} })).rejects.toBeInstanceOf(DomainError);
    const bad = await exportRoster({ ctx: actingAs(KALTENG), input: { sort: 'nik' } }).catch(
      (error: DomainError) => error,
    );
    expect(bad).toBeInstanceOf(DomainError);
    expect((bad as DomainError).code).toBe('INVALID');
    const [latest] = await handle.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'roster.exported'), like(events.provinceCode, '%')))
      .orderBy(desc(events.id))
      .limit(1);
    expect(latest!.actorId).toBe(KALTENG.userId);
  });

  it('writes CSV with every field quoted, quotes doubled and formulas defused', () => {
    const csv = rosterCsv({
      columns: ['Nama', 'No HP'],
      rows: [
        ['Budi "Tagana"', '+6281234567890'],
        ['=HYPERLINK("x")', null],
      ],
    });
    expect(csv).toBe('\uFEFF"Nama","No HP"\r\n"Budi ""Tagana""","+6281234567890"\r\n"\'=HYPERLINK(""x"")",\r\n');
  });
});
