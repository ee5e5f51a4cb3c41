import { and, count, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { coverageRules, districts, events, pillars, readinessMinimums, users, volunteers } from '../../../db/schema';
import { READINESS_EVENTS } from '../../../lib/readiness';
import type { Actor } from '../../../server/auth/actor';
import { loadReadiness, provinceReadiness } from '../../../server/readiness/queries';
import { removeCoverageRule } from '../../../server/readiness/remove-coverage-rule';
import { removeReadinessMinimum } from '../../../server/readiness/remove-readiness-minimum';
import { setCoverageRule } from '../../../server/readiness/set-coverage-rule';
import { setReadinessMinimum } from '../../../server/readiness/set-readiness-minimum';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, addVolunteers, expectDomainError } from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('demo');
});
afterAll(async () => {
  await handle?.close();
});

/** Rules name the account that set them last: every acting person gets an account row. */
const accounts = new Set<string>();
async function withAccount(actor: Actor): Promise<void> {
  if (accounts.has(actor.userId) || actor.role === 'volunteer') return;
  accounts.add(actor.userId);
  await handle.db.insert(users).values({
    id: actor.userId,
    role: actor.role,
    displayName: actor.name,
    provinceCode: actor.role === 'admin' ? null : actor.scope.provinceCode,
    regencyCode: actor.role === 'admin' ? null : actor.scope.regencyCode,
  });
}
const people = {
  admin: actors.admin(),
  kalteng: actors.coordinator('62'),
  jabar: actors.coordinator('32'),
};
beforeAll(async () => {
  for (const actor of Object.values(people)) await withAccount(actor);
});
const as = (actor: Actor) => actorContext(handle, actor);
const kalteng = () => as(people.kalteng);

async function eventCount(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(events);
  return row?.n ?? 0;
}

/** A pillar of Kalteng's own that no demo volunteer belongs to: the test places every member itself. */
async function freshPillar(code: string): Promise<string> {
  await handle.db.insert(pillars).values({ code, name: `Pilar ${code}`, provinceCode: '62' });
  return code;
}

async function districtsOf(regencyCode: string) {
  return handle.db.select().from(districts).where(eq(districts.regencyCode, regencyCode)).orderBy(districts.name);
}

describe('the demo', () => {
  it('names Cilebak as the Kuningan kecamatan without a TKSK, and Katingan below its Tagana minimum', async () => {
    const jabar = await provinceReadiness(handle.db, '32');
    expect(jabar.uncovered).toEqual([
      {
        districtCode: '32.08.25',
        districtName: 'Cilebak',
        regencyCode: '32.08',
        regencyName: 'Kabupaten Kuningan',
        pillarCode: 'tksk',
        pillarName: 'TKSK',
        active: 0,
        required: 1,
      },
    ]);
    expect(jabar.rules).toEqual([expect.objectContaining({ regencyCode: '32.08', districts: 32, uncovered: 1 })]);

    const kaltengReadiness = await provinceReadiness(handle.db, '62');
    expect(kaltengReadiness.belowMinimum).toEqual([
      expect.objectContaining({
        regencyCode: '62.06',
        regencyName: 'Kabupaten Katingan',
        pillarCode: 'tagana',
        minimumAvailable: 30,
        available: 27,
        shortBy: 3,
      }),
    ]);
    expect(kaltengReadiness.minimums.filter((minimum) => minimum.shortBy === 0).map((m) => m.regencyCode)).toEqual([
      '62.03',
      '62.71',
    ]);
  });
});

describe('setReadinessMinimum and removeReadinessMinimum', () => {
  it('sets a minimum with one event in the province and kabupaten scope, announced after commit', async () => {
    const ctx = kalteng();
    const { minimum, changed } = await setReadinessMinimum({
      ctx,
      input: { regencyCode: '62.01', pillarCode: 'tagana', minimumAvailable: 20 },
    });
    expect(changed).toBe(true);
    expect(minimum).toMatchObject({ regencyCode: '62.01', pillarCode: 'tagana', minimumAvailable: 20 });
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: READINESS_EVENTS.minimumSet,
      provinceCode: '62',
      regencyCode: '62.01',
      actorId: ctx.actor.userId,
      payload: {
        pillarCode: 'tagana',
        minimumAvailable: 20,
        previous: null,
        regencyName: 'Kabupaten Kotawaringin Barat',
      },
    });
    const [stored] = await handle.db.select().from(events).where(eq(events.id, ctx.published[0]!.id));
    expect(stored?.type).toBe(READINESS_EVENTS.minimumSet);

    const readiness = await provinceReadiness(handle.db, '62');
    expect(readiness.minimums.find((row) => row.regencyCode === '62.01')).toMatchObject({ minimumAvailable: 20 });
  });

  it('writes nothing when the minimum is already that number, and says what it was when it changes', async () => {
    const before = await eventCount();
    const same = kalteng();
    expect(
      (
        await setReadinessMinimum({
          ctx: same,
          input: { regencyCode: '62.01', pillarCode: 'tagana', minimumAvailable: 20 },
        })
      ).changed,
    ).toBe(false);
    expect(same.published).toEqual([]);
    expect(await eventCount()).toBe(before);

    const admin = as(people.admin);
    await setReadinessMinimum({
      ctx: admin,
      input: { regencyCode: '62.01', pillarCode: 'tagana', minimumAvailable: 60 },
    });
    expect(admin.published[0]?.payload).toMatchObject({ minimumAvailable: 60, previous: 20 });
    const readiness = await provinceReadiness(handle.db, '62');
    const row = readiness.minimums.find((minimum) => minimum.regencyCode === '62.01')!;
    expect(row.shortBy).toBe(60 - row.available);
    expect(readiness.belowMinimum.map((minimum) => minimum.regencyCode)).toContain('62.01');
  });

  it('is refused to leaders, volunteers, kabupaten coordinators (even their own) and other provinces', async () => {
    const [volunteer] = await handle.db.select().from(volunteers).where(like(volunteers.regencyCode, '62.03')).limit(1);
    const input = { regencyCode: '62.03', pillarCode: 'tagana', minimumAvailable: 99 };
    const before = await eventCount();
    for (const actor of [
      actors.leader('62'),
      actors.volunteer(volunteer!),
      actors.coordinator('62', '62.03'),
      actors.coordinator('32'),
    ]) {
      const ctx = as(actor);
      const error = await expectDomainError(setReadinessMinimum({ ctx, input }), 'FORBIDDEN');
      expect(error.message.length).toBeGreaterThan(10);
      await expectDomainError(removeReadinessMinimum({ ctx, input }), 'FORBIDDEN');
      expect(ctx.published).toEqual([]);
    }
    const kabupaten = await expectDomainError(
      setReadinessMinimum({ ctx: as(actors.coordinator('62', '62.03')), input }),
      'FORBIDDEN',
    );
    expect(kabupaten.message).toMatch(/koordinator provinsi/);
    const [kapuas] = await handle.db
      .select()
      .from(readinessMinimums)
      .where(and(eq(readinessMinimums.regencyCode, '62.03'), eq(readinessMinimums.pillarCode, 'tagana')));
    expect(kapuas?.minimumAvailable).toBe(50);
    expect(await eventCount()).toBe(before);
  });

  it('refuses unknown places and pillars, another province’s own pillar, and numbers that are no count', async () => {
    const before = await eventCount();
    const unknownRegency = await expectDomainError(
      setReadinessMinimum({
        ctx: kalteng(),
        input: { regencyCode: '62.99', pillarCode: 'tagana', minimumAvailable: 5 },
      }),
      'INVALID',
    );
    expect(unknownRegency.details?.regencyCode?.[0]).toMatch(/62\.99/);
    await expectDomainError(
      setReadinessMinimum({
        ctx: kalteng(),
        input: { regencyCode: '62.01', pillarCode: 'tidak_ada', minimumAvailable: 5 },
      }),
      'INVALID',
    );
    // Kalteng Berkah is Kalteng's own corps: Jawa Barat has none.
    const berkah = await expectDomainError(
      setReadinessMinimum({
        ctx: as(people.jabar),
        input: { regencyCode: '32.08', pillarCode: 'kalteng_berkah', minimumAvailable: 5 },
      }),
      'INVALID',
    );
    expect(berkah.details?.pillarCode?.[0]).toMatch(/kalteng_berkah/);
    for (const minimumAvailable of [0, -3, 2.5, '20', 100_001, null]) {
      const error = await expectDomainError(
        setReadinessMinimum({
          ctx: kalteng(),
          input: { regencyCode: '62.01', pillarCode: 'tagana', minimumAvailable },
        }),
        'INVALID',
      );
      expect(error.details?.minimumAvailable?.[0]).toMatch(/Jumlah minimum siaga/);
    }
    for (const input of [null, [], 'tagana', { regencyCode: '6201', pillarCode: 'tagana', minimumAvailable: 5 }]) {
      await expectDomainError(setReadinessMinimum({ ctx: kalteng(), input }), 'INVALID');
    }
    expect(await eventCount()).toBe(before);
  });

  it('removes a minimum with its event; removing it again says there is none', async () => {
    const ctx = kalteng();
    const removed = await removeReadinessMinimum({ ctx, input: { regencyCode: '62.01', pillarCode: 'tagana' } });
    expect(removed.minimumAvailable).toBe(60);
    expect(ctx.published).toEqual([
      expect.objectContaining({
        type: READINESS_EVENTS.minimumRemoved,
        provinceCode: '62',
        regencyCode: '62.01',
        payload: expect.objectContaining({ previous: 60, pillarCode: 'tagana' }),
      }),
    ]);
    const again = await expectDomainError(
      removeReadinessMinimum({ ctx: kalteng(), input: { regencyCode: '62.01', pillarCode: 'tagana' } }),
      'NOT_FOUND',
    );
    expect(again.message).toMatch(/Kotawaringin Barat/);
    expect((await provinceReadiness(handle.db, '62')).minimums.map((row) => row.regencyCode)).not.toContain('62.01');
  });
});

describe('what falls short, counted', () => {
  it('counts only volunteers on standby and not retired against a minimum, and only active ones per kecamatan', async () => {
    const pillarCode = await freshPillar(`uji_siap_${process.pid % 10_000}`);
    const [a, b, c, ...rest] = await districtsOf('62.08');
    expect(rest.length).toBeGreaterThan(0);
    const inA = await addVolunteers(handle.db, { regencyCode: '62.08', count: 2, pillarCode });
    const inB = await addVolunteers(handle.db, {
      regencyCode: '62.08',
      count: 1,
      pillarCode,
      availability: 'unavailable',
    });
    const inC = await addVolunteers(handle.db, { regencyCode: '62.08', count: 1, pillarCode });
    const place = async (people: { id: string }[], districtCode: string) => {
      for (const person of people) {
        await handle.db.update(volunteers).set({ districtCode }).where(eq(volunteers.id, person.id));
      }
    };
    await place(inA, a!.code);
    await place(inB, b!.code);
    await place(inC, c!.code);
    // Retired people stay in the roster, out of every count.
    await handle.db
      .update(volunteers)
      .set({ retiredAt: new Date(), retiredReason: 'Pindah ke luar daerah' })
      .where(eq(volunteers.id, inC[0]!.id));

    const ctx = kalteng();
    await setReadinessMinimum({ ctx, input: { regencyCode: '62.08', pillarCode, minimumAvailable: 3 } });
    const { rule } = await setCoverageRule({ ctx, input: { regencyCode: '62.08', pillarCode } });
    expect(rule.minimumPerDistrict).toBe(1);
    expect(ctx.published.map((event) => event.type)).toEqual([
      READINESS_EVENTS.minimumSet,
      READINESS_EVENTS.coverageSet,
    ]);

    let readiness = await provinceReadiness(handle.db, '62');
    expect(readiness.belowMinimum.find((row) => row.pillarCode === pillarCode)).toMatchObject({
      regencyName: 'Kabupaten Sukamara',
      minimumAvailable: 3,
      available: 2,
      shortBy: 1,
    });
    const uncovered = () =>
      readiness.uncovered
        .filter((row) => row.pillarCode === pillarCode)
        .map((row) => [row.districtName, row.active, row.required]);
    // B's one volunteer is not on standby but active; C's only one is retired.
    expect(uncovered()).toEqual([c!, ...rest].map((district) => [district.name, 0, 1]));
    expect(readiness.rules.find((row) => row.pillarCode === pillarCode)).toMatchObject({
      districts: rest.length + 3,
      uncovered: rest.length + 1,
    });

    // Two per kecamatan: only A has that many.
    await setCoverageRule({ ctx: kalteng(), input: { regencyCode: '62.08', pillarCode, minimumPerDistrict: 2 } });
    readiness = await provinceReadiness(handle.db, '62');
    expect(uncovered().map(([name]) => name)).not.toContain(a!.name);
    expect(uncovered()).toContainEqual([b!.name, 1, 2]);

    // One of A's retires: A falls short, and so does the standby count.
    await handle.db
      .update(volunteers)
      .set({ retiredAt: new Date(), retiredReason: 'Mengundurkan diri' })
      .where(eq(volunteers.id, inA[0]!.id));
    readiness = await provinceReadiness(handle.db, '62');
    expect(uncovered()).toContainEqual([a!.name, 1, 2]);
    expect(readiness.belowMinimum.find((row) => row.pillarCode === pillarCode)).toMatchObject({
      available: 1,
      shortBy: 2,
    });
  });

  it('lists the largest shortfall first', async () => {
    const readiness = await provinceReadiness(handle.db, '62');
    const shortfalls = readiness.belowMinimum.map((row) => row.shortBy);
    expect(shortfalls).toEqual([...shortfalls].sort((x, y) => y - x));
    expect(shortfalls.every((short) => short > 0)).toBe(true);
  });

  it('names every uncovered kecamatan of a whole province in one read (Jawa Barat, 27 kabupaten/kota)', async () => {
    const admin = as(people.admin);
    const jabar = await handle.db.execute(sql`select code from regencies where province_code = '32' order by code`);
    const codes = (jabar as unknown as { rows: { code: string }[] }).rows.map((row) => row.code);
    expect(codes).toHaveLength(27);
    for (const regencyCode of codes) await setCoverageRule({ ctx: admin, input: { regencyCode, pillarCode: 'tksk' } });
    const [all] = await handle.db.select({ n: count() }).from(districts).where(like(districts.code, '32.%'));
    const indramayu = (await districtsOf('32.12')).length;

    const started = performance.now();
    const readiness = await provinceReadiness(handle.db, '32');
    const elapsed = performance.now() - started;
    // Only Kuningan (all but Cilebak) and Indramayu (every kecamatan) have TKSK in the demo.
    expect(readiness.uncovered).toHaveLength(all!.n - 31 - indramayu);
    expect(readiness.uncovered.filter((row) => row.regencyCode === '32.08').map((row) => row.districtName)).toEqual([
      'Cilebak',
    ]);
    expect(readiness.rules).toHaveLength(27);
    expect(elapsed).toBeLessThan(2_000);

    for (const regencyCode of codes.filter((code) => code !== '32.08')) {
      await removeCoverageRule({ ctx: admin, input: { regencyCode, pillarCode: 'tksk' } });
    }
    expect((await provinceReadiness(handle.db, '32')).uncovered).toHaveLength(1);
  });
});

describe('setCoverageRule and removeCoverageRule', () => {
  it('keeps the same rules as the minimums: province coordinators and admins only, bad numbers refused', async () => {
    const input = { regencyCode: '32.08', pillarCode: 'tksk', minimumPerDistrict: 2 };
    const before = await eventCount();
    for (const actor of [actors.leader('32'), actors.coordinator('32', '32.08'), actors.coordinator('62')]) {
      await expectDomainError(setCoverageRule({ ctx: as(actor), input }), 'FORBIDDEN');
      await expectDomainError(removeCoverageRule({ ctx: as(actor), input }), 'FORBIDDEN');
    }
    for (const minimumPerDistrict of [0, 1_001, 1.5, 'satu']) {
      const error = await expectDomainError(
        setCoverageRule({ ctx: as(people.jabar), input: { ...input, minimumPerDistrict } }),
        'INVALID',
      );
      expect(error.details?.minimumPerDistrict?.[0]).toMatch(/Jumlah per kecamatan/);
    }
    expect(await eventCount()).toBe(before);
    const [rule] = await handle.db.select().from(coverageRules).where(eq(coverageRules.regencyCode, '32.08'));
    expect(rule?.minimumPerDistrict).toBe(1);
  });

  it('removes a rule with its event, after which the kecamatan count as covered', async () => {
    const ctx = as(people.jabar);
    await removeCoverageRule({ ctx, input: { regencyCode: '32.08', pillarCode: 'tksk' } });
    expect(ctx.published).toEqual([
      expect.objectContaining({ type: READINESS_EVENTS.coverageRemoved, provinceCode: '32', regencyCode: '32.08' }),
    ]);
    expect((await provinceReadiness(handle.db, '32')).uncovered).toEqual([]);
    await expectDomainError(
      removeCoverageRule({ ctx, input: { regencyCode: '32.08', pillarCode: 'tksk' } }),
      'NOT_FOUND',
    );
    await setCoverageRule({ ctx, input: { regencyCode: '32.08', pillarCode: 'tksk' } });
    expect((await provinceReadiness(handle.db, '32')).uncovered.map((row) => row.districtName)).toEqual(['Cilebak']);
  });
});

describe('loadReadiness', () => {
  it('is read by the province’s staff and leaders and admins, not by volunteers or other provinces', async () => {
    for (const actor of [
      actors.leader('32'),
      actors.coordinator('32', '32.12'),
      actors.coordinator('32'),
      actors.admin(),
    ]) {
      const readiness = await loadReadiness({ ctx: as(actor), input: { provinceCode: '32' } });
      expect(readiness.uncovered.map((row) => row.districtName)).toEqual(['Cilebak']);
    }
    const [volunteer] = await handle.db.select().from(volunteers).where(eq(volunteers.regencyCode, '32.08')).limit(1);
    await expectDomainError(
      loadReadiness({ ctx: as(actors.volunteer(volunteer!)), input: { provinceCode: '32' } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      loadReadiness({ ctx: as(actors.coordinator('62')), input: { provinceCode: '32' } }),
      'FORBIDDEN',
    );
    await expectDomainError(loadReadiness({ ctx: as(people.admin), input: { provinceCode: '99' } }), 'NOT_FOUND');
    await expectDomainError(loadReadiness({ ctx: as(people.admin), input: { provinceCode: 'jabar' } }), 'INVALID');
    await expectDomainError(loadReadiness({ ctx: as(people.admin), input: {} }), 'INVALID');
  });
});
