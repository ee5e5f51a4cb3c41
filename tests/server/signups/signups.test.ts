import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import {
  activationTokens,
  districts,
  events,
  rateLimits,
  signups,
  trainings,
  users,
  volunteers,
  volunteerTrainings,
} from '../../../db/schema';
import type { Actor } from '../../../server/auth/actor';
import { DomainError } from '../../../server/errors';
import { SIGNUPS_PER_ADDRESS_PER_HOUR } from '../../../lib/signups';
import { approveSignups } from '../../../server/signups/approve-signups';
import { closeSignupLink } from '../../../server/signups/close-signup-link';
import { createSignupLink } from '../../../server/signups/create-signup-link';
import { publicSignupForm, signupLinkDetail, signupLinksFor } from '../../../server/signups/queries';
import { rejectSignup } from '../../../server/signups/reject-signup';
import { submitSignup } from '../../../server/signups/submit-signup';
import { openTestDatabase } from '../../support/database';
import { testContext } from '../../support/domain';

const KALTENG: Actor = {
  role: 'coordinator',
  userId: '00000000-0000-4000-8000-000000000001',
  name: 'Koordinator Kalteng',
  scope: { provinceCode: '62', regencyCode: null },
};
const KAPUAS: Actor = { ...KALTENG, name: 'Koordinator Kapuas', scope: { provinceCode: '62', regencyCode: '62.03' } };
const JABAR: Actor = { ...KALTENG, name: 'Koordinator Jabar', scope: { provinceCode: '32', regencyCode: null } };
const LEADER: Actor = { ...KALTENG, role: 'leader', name: 'Pimpinan Kalteng' };

let handle: DatabaseHandle;
let kapuasDistricts: string[];
let katinganDistrict: string;

beforeAll(async () => {
  handle = await openTestDatabase('demo');
  // The verbs stamp the acting account on events and activation links: it must exist.
  await handle.db
    .insert(users)
    .values({ id: KALTENG.userId, role: 'coordinator', displayName: 'Koordinator Uji', provinceCode: '62' })
    .onConflictDoNothing();
  kapuasDistricts = (
    await handle.db.select({ code: districts.code }).from(districts).where(eq(districts.regencyCode, '62.03'))
  ).map((row) => row.code);
  const [katingan] = await handle.db
    .select({ code: districts.code })
    .from(districts)
    .where(eq(districts.regencyCode, '62.06'));
  katinganDistrict = katingan!.code;
});
afterAll(async () => {
  await handle?.close();
});

const actingAs = (actor: Actor = KALTENG) => ({ ...testContext(handle), actor });
const publicContext = () => testContext(handle);
const hour = 3_600_000;

async function expectDomainError(promise: Promise<unknown>, code: DomainError['code']): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

let phoneSeed = 10_000_000;
/** A phone number nobody in the demo has, typed the way people type it. */
const freshPhone = () => `0899-${String(phoneSeed++).slice(0, 4)}-${String(phoneSeed).slice(4)}`;

function form(token: string, overrides: Record<string, string> = {}) {
  return {
    token,
    name: 'Rina Wulandari',
    phone: freshPhone(),
    districtCode: kapuasDistricts[0]!,
    village: 'Selat Hulu',
    gender: 'female',
    birthYear: '1996',
    skills: 'P3K, dapur umum, P3K',
    consent: 'yes',
    ...overrides,
  };
}

async function newLink(actor: Actor = KALTENG, input: Record<string, unknown> = {}) {
  return createSignupLink({
    ctx: actingAs(actor),
    input: {
      title: 'Kemah Relawan Kalteng 2026',
      provinceCode: '62',
      regencyCode: '62.03',
      pillarCode: 'tagana',
      validUntil: new Date(Date.now() + 24 * hour).toISOString(),
      ...input,
    },
  });
}

describe('sign-up links', () => {
  it('opens a link in the coordinator’s scope and logs signup.link_opened', async () => {
    const ctx = actingAs();
    const link = await createSignupLink({
      ctx,
      input: {
        title: 'Bimtek PSM Kapuas',
        provinceCode: '62',
        regencyCode: '62.03',
        pillarCode: 'psm',
        validUntil: new Date(Date.now() + 5 * hour).toISOString(),
      },
    });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: 'signup.link_opened',
      provinceCode: '62',
      regencyCode: '62.03',
      actorId: KALTENG.userId,
      payload: { linkId: link.id, title: 'Bimtek PSM Kapuas' },
    });
    const listed = await signupLinksFor(handle.db, KAPUAS, new Date());
    expect(listed.map((row) => row.id)).toContain(link.id);
    expect((await signupLinksFor(handle.db, JABAR, new Date())).map((row) => row.id)).not.toContain(link.id);
  });

  it('refuses a leader, another province, a kabupaten coordinator’s province-wide link, a past time', async () => {
    await expectDomainError(newLink(LEADER), 'FORBIDDEN');
    await expectDomainError(newLink(JABAR), 'FORBIDDEN');
    await expectDomainError(newLink(KAPUAS, { regencyCode: null }), 'FORBIDDEN');
    const past = await expectDomainError(
      newLink(KALTENG, { validUntil: new Date(Date.now() - hour).toISOString() }),
      'INVALID',
    );
    expect(past.message).toContain('masa depan');
    const bad = await expectDomainError(newLink(KALTENG, { title: 'x', pillarCode: 'BUKAN' }), 'INVALID');
    expect(Object.keys(bad.details!)).toEqual(expect.arrayContaining(['title', 'pillarCode']));
    await expectDomainError(newLink(KALTENG, { regencyCode: '32.08' }), 'INVALID');
  });
});

describe('submitting the public form', () => {
  it('lands as menunggu persetujuan, normalised, and announces signup.received without the phone', async () => {
    const link = await newLink();
    const ctx = publicContext();
    const input = form(link.token, { phone: '+62 899 1234 5601' });
    const { signupId, again } = await submitSignup({ ctx, input, client: { address: '10.1.1.1' } });
    expect(again).toBe(false);
    const [row] = await handle.db.select().from(signups).where(eq(signups.id, signupId));
    expect(row).toMatchObject({
      status: 'pending',
      phone: '+6289912345601',
      regencyCode: '62.03',
      gender: 'female',
      birthYear: 1996,
      skills: ['p3k', 'dapur umum'],
      duplicateOf: null,
    });
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({ type: 'signup.received', provinceCode: '62', actorId: null });
    expect(JSON.stringify(ctx.published[0]!.payload)).not.toContain('1234');
  });

  it('keeps one sign-up per phone and link: a second submission updates it', async () => {
    const link = await newLink();
    const phone = freshPhone();
    const first = await submitSignup({
      ctx: publicContext(),
      input: form(link.token, { phone }),
      client: { address: 'a' },
    });
    const second = await submitSignup({
      ctx: publicContext(),
      input: form(link.token, { phone, name: 'Rina W. Putri' }),
      client: { address: 'a' },
    });
    expect(second).toEqual({ signupId: first.signupId, again: true });
    const rows = await handle.db.select().from(signups).where(eq(signups.linkId, link.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe('Rina W. Putri');
  });

  it('flags a sign-up whose phone or NIK an active volunteer already has', async () => {
    const link = await newLink();
    const [existing] = await handle.db
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.regencyCode, '62.03'), isNull(volunteers.retiredAt)))
      .limit(1);
    const byPhone = await submitSignup({
      ctx: publicContext(),
      input: form(link.token, { phone: existing!.phone }),
      client: { address: 'b' },
    });
    const [flagged] = await handle.db.select().from(signups).where(eq(signups.id, byPhone.signupId));
    expect(flagged!.duplicateOf).toBe(existing!.id);
    const detail = await signupLinkDetail(handle.db, KALTENG, link.id, new Date());
    expect(detail.signups.find((row) => row.id === byPhone.signupId)!.duplicateOf).toEqual({
      id: existing!.id,
      name: existing!.name,
    });
  });

  it('refuses bad input field by field, an unknown, a closed and an expired link, and writes nothing', async () => {
    const link = await newLink();
    const before = (await handle.db.select({ n: count() }).from(signups))[0]!.n;
    const bad = await expectDomainError(
      submitSignup({
        ctx: publicContext(),
        input: form(link.token, { phone: '0812-345', name: 'A', birthYear: '2990', consent: '', nik: '123' }),
        client: { address: 'c' },
      }),
      'INVALID',
    );
    expect(bad.details!.phone![0]).toContain("'0812-345' terlalu pendek");
    expect(Object.keys(bad.details!)).toEqual(expect.arrayContaining(['name', 'birthYear', 'consent', 'nik']));
    const elsewhere = await expectDomainError(
      submitSignup({
        ctx: publicContext(),
        input: form(link.token, { districtCode: katinganDistrict }),
        client: { address: 'c' },
      }),
      'INVALID',
    );
    expect(elsewhere.details!.districtCode![0]).toContain('kecamatan');
    await expectDomainError(
      submitSignup({ ctx: publicContext(), input: form('x'.repeat(43)), client: { address: 'c' } }),
      'NOT_FOUND',
    );
    await closeSignupLink({ ctx: actingAs(), input: { linkId: link.id } });
    const closed = await expectDomainError(
      submitSignup({ ctx: publicContext(), input: form(link.token), client: { address: 'c' } }),
      'CONFLICT',
    );
    expect(closed.message).toContain('ditutup');
    expect((await publicSignupForm(handle.db, link.token, new Date())).state).toBe('closed');

    const expiring = await newLink(KALTENG, { validUntil: new Date(Date.now() + 60_000).toISOString() });
    const later = { ...publicContext(), now: () => new Date(Date.now() + 2 * 60_000) };
    const expired = await expectDomainError(
      submitSignup({ ctx: later, input: form(expiring.token), client: { address: 'c' } }),
      'CONFLICT',
    );
    expect(expired.message).toContain('berakhir');
    expect((await handle.db.select({ n: count() }).from(signups))[0]!.n).toBe(before);
  });

  it('lets a whole camp through one address, and stops a flood past it until the hour is over', async () => {
    const link = await newLink();
    const address = '203.0.113.7';
    await handle.db.insert(rateLimits).values({
      key: `signup-address:${address}`,
      points: SIGNUPS_PER_ADDRESS_PER_HOUR - 1,
      expire: new Date(Date.now() + 30 * 60_000),
    });
    await submitSignup({ ctx: publicContext(), input: form(link.token), client: { address } });
    const refused = await expectDomainError(
      submitSignup({ ctx: publicContext(), input: form(link.token), client: { address } }),
      'RATE_LIMITED',
    );
    expect(refused.message).toMatch(/Coba lagi 30 menit lagi/);
    await submitSignup({ ctx: publicContext(), input: form(link.token), client: { address: '203.0.113.8' } });
    const nextHour = { ...publicContext(), now: () => new Date(Date.now() + 31 * 60_000) };
    await submitSignup({ ctx: nextHour, input: form(link.token), client: { address } });
  });

  it('lets a province-wide link’s volunteer pick kabupaten then kecamatan', async () => {
    const link = await newLink(KALTENG, { regencyCode: null });
    const shown = await publicSignupForm(handle.db, link.token, new Date());
    expect(shown.regencies!.length).toBe(14);
    const { signupId } = await submitSignup({
      ctx: publicContext(),
      input: form(link.token, { regencyCode: '62.06', districtCode: katinganDistrict }),
      client: { address: 'd' },
    });
    const [row] = await handle.db.select().from(signups).where(eq(signups.id, signupId));
    expect(row!.regencyCode).toBe('62.06');
    await expectDomainError(
      submitSignup({
        ctx: publicContext(),
        input: form(link.token, { regencyCode: '62.03', districtCode: katinganDistrict }),
        client: { address: 'd' },
      }),
      'INVALID',
    );
  });
});

describe('approving and rejecting', () => {
  it('approving one creates one volunteer, records the training, issues an activation link', async () => {
    const [training] = await handle.db.select().from(trainings).limit(1);
    const link = await newLink(KALTENG, { trainingId: training!.id });
    const phone = freshPhone();
    const { signupId } = await submitSignup({
      ctx: publicContext(),
      input: form(link.token, { phone }),
      client: { address: 'e' },
    });
    const ctx = actingAs();
    const { approved, activations } = await approveSignups({ ctx, input: { linkId: link.id, signupIds: [signupId] } });
    expect(approved).toHaveLength(1);
    expect(approved[0]!.matched).toBe(false);
    const made = await handle.db.select().from(volunteers).where(eq(volunteers.id, approved[0]!.volunteerId));
    expect(made[0]).toMatchObject({
      name: 'Rina Wulandari',
      pillarCode: 'tagana',
      regencyCode: '62.03',
      availability: 'available',
    });
    const recorded = await handle.db
      .select()
      .from(volunteerTrainings)
      .where(eq(volunteerTrainings.volunteerId, approved[0]!.volunteerId));
    expect(recorded.map((row) => row.trainingId)).toEqual([training!.id]);
    expect(activations).toHaveLength(1);
    expect(activations[0]!.volunteerId).toBe(approved[0]!.volunteerId);
    const tokens = await handle.db
      .select()
      .from(activationTokens)
      .where(eq(activationTokens.userId, activations[0]!.userId));
    expect(tokens).toHaveLength(1);
    expect(ctx.published.map((event) => event.type)).toEqual(['volunteer.created', 'signup.approved']);
    expect(ctx.published.every((event) => event.actorId === KALTENG.userId)).toBe(true);
    const [decided] = await handle.db.select().from(signups).where(eq(signups.id, signupId));
    expect(decided).toMatchObject({
      status: 'approved',
      volunteerId: approved[0]!.volunteerId,
      decidedBy: KALTENG.userId,
    });

    await expectDomainError(
      approveSignups({ ctx: actingAs(), input: { linkId: link.id, signupIds: [signupId] } }),
      'CONFLICT',
    );
    await expectDomainError(rejectSignup({ ctx: actingAs(), input: { signupId } }), 'CONFLICT');
    // Signing up again after approval keeps the decision.
    const again = await submitSignup({
      ctx: publicContext(),
      input: form(link.token, { phone }),
      client: { address: 'e' },
    });
    expect(again).toEqual({ signupId, again: true });
    expect((await handle.db.select().from(signups).where(eq(signups.id, signupId)))[0]!.status).toBe('approved');
  });

  it('approve-all matches a duplicate to the existing volunteer instead of a second record', async () => {
    const link = await newLink();
    const [existing] = await handle.db
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.regencyCode, '62.03'), isNull(volunteers.retiredAt)))
      .offset(3)
      .limit(1);
    const fresh = [freshPhone(), freshPhone(), freshPhone()];
    for (const phone of fresh) {
      await submitSignup({ ctx: publicContext(), input: form(link.token, { phone }), client: { address: 'f' } });
    }
    await submitSignup({
      ctx: publicContext(),
      input: form(link.token, { phone: existing!.phone }),
      client: { address: 'f' },
    });
    const before = (await handle.db.select({ n: count() }).from(volunteers))[0]!.n;
    const { approved, activations } = await approveSignups({ ctx: actingAs(), input: { linkId: link.id, all: true } });
    expect(approved).toHaveLength(4);
    expect(approved.filter((row) => row.matched).map((row) => row.volunteerId)).toEqual([existing!.id]);
    expect((await handle.db.select({ n: count() }).from(volunteers))[0]!.n).toBe(before + 3);
    const samePhone = await handle.db
      .select({ n: count() })
      .from(volunteers)
      .where(and(eq(volunteers.phone, existing!.phone), isNull(volunteers.retiredAt)));
    expect(samePhone[0]!.n).toBe(1);
    // None of them signs in yet (the matched volunteer had no account either): each gets a link.
    expect(activations.map((row) => row.volunteerId).sort()).toEqual(approved.map((row) => row.volunteerId).sort());
    const matchEvent = await handle.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'signup.approved'), eq(events.volunteerId, existing!.id)));
    expect(matchEvent[0]!.payload).toMatchObject({ matched: true, linkId: link.id });
    // Nothing left to approve.
    expect((await approveSignups({ ctx: actingAs(), input: { linkId: link.id, all: true } })).approved).toEqual([]);
  });

  it('rejects one, and keeps approving and rejecting inside the scope', async () => {
    const link = await newLink();
    const { signupId } = await submitSignup({
      ctx: publicContext(),
      input: form(link.token),
      client: { address: 'g' },
    });
    await expectDomainError(
      approveSignups({ ctx: actingAs(JABAR), input: { linkId: link.id, all: true } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      approveSignups({ ctx: actingAs(LEADER), input: { linkId: link.id, all: true } }),
      'FORBIDDEN',
    );
    await expectDomainError(rejectSignup({ ctx: actingAs(JABAR), input: { signupId } }), 'FORBIDDEN');
    await expectDomainError(approveSignups({ ctx: actingAs(), input: { linkId: link.id, signupIds: [] } }), 'INVALID');
    await expectDomainError(
      approveSignups({
        ctx: actingAs(),
        input: { linkId: link.id, signupIds: ['00000000-0000-4000-8000-000000000009'] },
      }),
      'NOT_FOUND',
    );
    const ctx = actingAs(KAPUAS);
    const rejected = await rejectSignup({ ctx, input: { signupId } });
    expect(rejected.status).toBe('rejected');
    expect(ctx.published[0]).toMatchObject({ type: 'signup.rejected', payload: { signupId, linkId: link.id } });
    await expectDomainError(signupLinkDetail(handle.db, JABAR, link.id, new Date()), 'NOT_FOUND');
  });
});
