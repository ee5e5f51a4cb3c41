import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { events, users, volunteers } from '../../../db/schema';
import { VOLUNTEER_EVENTS } from '../../../lib/registry';
import type { Actor } from '../../../server/auth/actor';
import { correctOwnContact } from '../../../server/volunteers/correct-own-contact';
import { correctVolunteer } from '../../../server/volunteers/correct-volunteer';
import { createVolunteer } from '../../../server/volunteers/create-volunteer';
import { createTestAccount } from '../../support/accounts';
import { openTestDatabase, testDriver } from '../../support/database';
import { ACTORS, actingAs, countsOf, domainError, freshNik, freshPhone, newVolunteer } from '../../support/registry';

let handle: DatabaseHandle;
const as = (actor: Actor) => actingAs(handle, actor);

beforeAll(async () => {
  handle = await openTestDatabase('demo');
});
afterAll(async () => {
  await handle?.close();
});

async function eventTotal(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(events);
  return row!.n;
}

describe('createVolunteer', () => {
  it('adds a volunteer on standby: the kabupaten count moves, one event names it, the phone is stored as +62', async () => {
    const ctx = as(ACTORS.kapuas);
    const before = await countsOf(handle, '62.03');
    const local = freshPhone().replace('+62', '0');
    const typed = `${local.slice(0, 4)}-${local.slice(4, 8)} ${local.slice(8)}`;
    const nik = freshNik();
    const volunteer = await createVolunteer({
      ctx,
      input: newVolunteer({
        name: '  Siti Rahma  ',
        phone: typed,
        nik: `${nik.slice(0, 6)}.${nik.slice(6, 12)}.${nik.slice(12)}`,
        districtCode: '62.03.01',
        village: 'Selat Hilir',
        skills: ['Evakuasi air', 'evakuasi AIR', 'P3K'],
        taganaRank: 'madya',
        gender: 'female',
        birthYear: 1994,
        emergencyContactName: 'Ibu Rahma',
        emergencyContactPhone: '+62 811 2345 678',
      }),
    });
    expect(volunteer).toMatchObject({
      name: 'Siti Rahma',
      phone: `+62${local.slice(1)}`,
      regencyCode: '62.03',
      districtCode: '62.03.01',
      village: 'Selat Hilir',
      skills: ['evakuasi air', 'p3k'],
      availability: 'available',
      taganaRank: 'madya',
      emergencyContactPhone: '+628112345678',
      retiredAt: null,
    });
    expect(volunteer.nik).toBe(nik);
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: VOLUNTEER_EVENTS.created,
      provinceCode: '62',
      regencyCode: '62.03',
      volunteerId: volunteer.id,
      actorId: ACTORS.kapuas.userId,
      payload: { name: 'Siti Rahma', pillarCode: 'tagana' },
    });
    // The log reaches leaders: no NIK and no numbers in it.
    expect(JSON.stringify(ctx.published[0]!.payload)).not.toContain(volunteer.nik!);
    expect(JSON.stringify(ctx.published[0]!.payload)).not.toContain(volunteer.phone);
    const after = await countsOf(handle, '62.03');
    expect(after.available).toBe(before.available + 1);
    expect(after.tagana).toBe(before.tagana + 1);
  });

  it('refuses a phone an active volunteer holds, naming who holds it inside the scope and nobody outside', async () => {
    const phone = freshPhone();
    await createVolunteer({ ctx: as(ACTORS.kalteng), input: newVolunteer({ name: 'Budi Santoso', phone }) });
    const inside = await domainError(
      createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer({ phone: phone.replace('+62', '0') }) }),
      'CONFLICT',
    );
    expect(inside.message).toContain('Budi Santoso');
    expect(inside.details?.phone?.[0]).toContain('Budi Santoso');

    // Palangka Raya's coordinator does not learn the name of a Kapuas volunteer.
    const palangka: Actor = { ...ACTORS.kapuas, scope: { provinceCode: '62', regencyCode: '62.71' } };
    const outside = await domainError(
      createVolunteer({ ctx: as(palangka), input: newVolunteer({ phone, regencyCode: '62.71' }) }),
      'CONFLICT',
    );
    expect(outside.message).not.toContain('Budi');
    expect(outside.message).toContain('di luar wilayah Anda');
  });

  it('refuses a NIK an active volunteer holds, and a NIK that is not 16 digits', async () => {
    const nik = freshNik();
    await createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer({ name: 'Andi Wijaya', nik }) });
    const taken = await domainError(
      createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer({ nik }) }),
      'CONFLICT',
    );
    expect(taken.details?.nik?.[0]).toContain('Andi Wijaya');
    const short = await domainError(
      createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer({ nik: '620312345' }) }),
      'INVALID',
    );
    expect(short.details?.nik).toEqual(['NIK harus 16 angka.']);
  });

  it('maps a lost race on the phone index to the same CONFLICT', async () => {
    const phone = freshPhone();
    const results = await Promise.allSettled([
      createVolunteer({ ctx: as(ACTORS.kalteng), input: newVolunteer({ phone }) }),
      createVolunteer({ ctx: as(ACTORS.kalteng), input: newVolunteer({ phone }) }),
    ]);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    if (testDriver() === 'postgres') {
      // On PostgreSQL both checks can pass before either insert; the index answers the second.
      expect(String((refused[0] as PromiseRejectedResult).reason.message)).toContain('No HP ini sudah dipakai');
    }
    const [row] = await handle.db.select({ n: count() }).from(volunteers).where(eq(volunteers.phone, phone));
    expect(row!.n).toBe(1);
  });

  it('keeps coordinators inside their scope and leaders and volunteers out, writing nothing', async () => {
    const before = await eventTotal();
    await domainError(
      createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer({ regencyCode: '62.71' }) }),
      'FORBIDDEN',
    );
    await domainError(createVolunteer({ ctx: as(ACTORS.jabar), input: newVolunteer() }), 'FORBIDDEN');
    await domainError(createVolunteer({ ctx: as(ACTORS.leader), input: newVolunteer() }), 'FORBIDDEN');
    const [someone] = await handle.db.select().from(volunteers).where(eq(volunteers.regencyCode, '62.03')).limit(1);
    const volunteer: Actor = {
      role: 'volunteer',
      userId: '00000000-0000-4000-8000-000000000199',
      name: someone!.name,
      volunteerId: someone!.id,
      provinceCode: '62',
      regencyCode: '62.03',
      pillarCode: someone!.pillarCode,
      isTeamLeader: false,
    };
    await domainError(createVolunteer({ ctx: as(volunteer), input: newVolunteer() }), 'FORBIDDEN');
    // Admins anywhere.
    const created = await createVolunteer({ ctx: as(ACTORS.admin), input: newVolunteer({ regencyCode: '32.08' }) });
    expect(created.regencyCode).toBe('32.08');
    expect(await eventTotal()).toBe(before + 1);
  });

  it('refuses bad input field by field: phone, kecamatan of another kabupaten, unknown pillar, rank outside Tagana', async () => {
    const ctx = as(ACTORS.kalteng);
    const bad = await domainError(
      createVolunteer({ ctx, input: newVolunteer({ name: 'A', phone: '0812-345', birthYear: 3000 }) }),
      'INVALID',
    );
    expect(bad.details?.phone?.[0]).toBe("No HP '0812-345' terlalu pendek; tulis seperti 0812-3456-7890.");
    expect(bad.details?.name).toBeDefined();
    expect(bad.details?.birthYear).toBeDefined();
    const district = await domainError(
      createVolunteer({ ctx, input: newVolunteer({ districtCode: '62.71.01' }) }),
      'INVALID',
    );
    expect(district.details?.districtCode).toBeDefined();
    const pillar = await domainError(
      createVolunteer({ ctx, input: newVolunteer({ pillarCode: 'tidak_ada' }) }),
      'INVALID',
    );
    expect(pillar.details?.pillarCode).toBeDefined();
    const rank = await domainError(
      createVolunteer({ ctx, input: newVolunteer({ pillarCode: 'psm', taganaRank: 'muda' }) }),
      'INVALID',
    );
    expect(rank.details?.taganaRank).toBeDefined();
    await domainError(createVolunteer({ ctx, input: 'bukan objek' }), 'INVALID');
    await domainError(createVolunteer({ ctx, input: newVolunteer({ regencyCode: '99.99' }) }), 'INVALID');
  });
});

describe('correctVolunteer', () => {
  it('changes only the fields sent, logs which ones, and the account signs in with the new phone', async () => {
    const created = await createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer({ name: 'Rudi Hartono' }) });
    const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: created.id });
    const ctx = as(ACTORS.kapuas);
    const phone = freshPhone();
    const { volunteer, fields } = await correctVolunteer({
      ctx,
      input: { volunteerId: created.id, phone: phone.replace('+62', '62'), isTeamLeader: true, name: 'Rudi Hartono' },
    });
    expect([...fields].sort()).toEqual(['isTeamLeader', 'phone']);
    expect(volunteer).toMatchObject({ phone, isTeamLeader: true, name: 'Rudi Hartono', skills: created.skills });
    expect(ctx.published).toMatchObject([
      { type: VOLUNTEER_EVENTS.corrected, regencyCode: '62.03', volunteerId: created.id, payload: { fields } },
    ]);
    const [user] = await handle.db.select().from(users).where(eq(users.id, account.userId));
    expect(user!.phone).toBe(phone);

    // Nothing different: nothing written.
    const again = as(ACTORS.kapuas);
    const same = await correctVolunteer({ ctx: again, input: { volunteerId: created.id, phone } });
    expect(same.fields).toEqual([]);
    expect(again.published).toEqual([]);
  });

  it('refuses a phone another active volunteer holds; leaving Tagana drops the rank', async () => {
    const first = await createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer({ name: 'Dewi Lestari' }) });
    const second = await createVolunteer({
      ctx: as(ACTORS.kapuas),
      input: newVolunteer({ taganaRank: 'muda' }),
    });
    const taken = await domainError(
      correctVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: second.id, phone: first.phone } }),
      'CONFLICT',
    );
    expect(taken.details?.phone?.[0]).toContain('Dewi Lestari');
    const { volunteer } = await correctVolunteer({
      ctx: as(ACTORS.kapuas),
      input: { volunteerId: second.id, pillarCode: 'psm' },
    });
    expect(volunteer).toMatchObject({ pillarCode: 'psm', taganaRank: null });
  });

  it('keeps other kabupaten, leaders and volunteers out', async () => {
    const created = await createVolunteer({ ctx: as(ACTORS.kalteng), input: newVolunteer({ regencyCode: '62.71' }) });
    await domainError(
      correctVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: created.id, name: 'Orang Lain' } }),
      'FORBIDDEN',
    );
    await domainError(
      correctVolunteer({ ctx: as(ACTORS.leader), input: { volunteerId: created.id, name: 'Orang Lain' } }),
      'FORBIDDEN',
    );
    await domainError(
      correctVolunteer({
        ctx: as(ACTORS.kalteng),
        input: { volunteerId: '00000000-0000-4000-8000-00000000ffff', name: 'X Y' },
      }),
      'NOT_FOUND',
    );
    await domainError(correctVolunteer({ ctx: as(ACTORS.kalteng), input: { volunteerId: 'bukan-uuid' } }), 'INVALID');
  });
});

describe('correctOwnContact', () => {
  it('lets a volunteer correct its own phone and emergency contact, and nothing else', async () => {
    const created = await createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer() });
    const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: created.id });
    const ctx = as(account.actor);
    const phone = freshPhone();
    const { volunteer, fields } = await correctOwnContact({
      ctx,
      input: { phone, emergencyContactName: 'Pak Joko', emergencyContactPhone: '0813 1111 2222' },
    });
    expect([...fields].sort()).toEqual(['emergencyContactName', 'emergencyContactPhone', 'phone']);
    expect(volunteer).toMatchObject({ phone, emergencyContactPhone: '+6281311112222' });
    expect(ctx.published).toMatchObject([
      { type: VOLUNTEER_EVENTS.corrected, volunteerId: created.id, actorId: account.userId },
    ]);
    const [user] = await handle.db.select().from(users).where(eq(users.id, account.userId));
    expect(user!.phone).toBe(phone);

    const refused = await domainError(correctOwnContact({ ctx, input: { name: 'Nama Baru' } }), 'FORBIDDEN');
    expect(refused.details?.name).toBeDefined();
    await domainError(correctOwnContact({ ctx: as(ACTORS.kapuas), input: { phone: freshPhone() } }), 'FORBIDDEN');
    const bad = await domainError(correctOwnContact({ ctx, input: { phone: '12' } }), 'INVALID');
    expect(bad.details?.phone).toBeDefined();
    // Clearing the emergency contact.
    const cleared = await correctOwnContact({
      ctx,
      input: { emergencyContactName: null, emergencyContactPhone: null },
    });
    expect(cleared.volunteer).toMatchObject({ emergencyContactName: null, emergencyContactPhone: null });
  });
});
