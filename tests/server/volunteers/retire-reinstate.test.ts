import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, incidents, sessions, users, volunteers } from '../../../db/schema';
import { VOLUNTEER_EVENTS } from '../../../lib/registry';
import type { Actor } from '../../../server/auth/actor';
import { endedSessions, resolveSession, type SessionPolicy } from '../../../server/auth/sessions';
import { signIn, WRONG_CREDENTIALS } from '../../../server/auth/sign-in';
import { createSignInLimits } from '../../../server/auth/sign-in-limits';
import { issueActivations } from '../../../server/accounts/issue-activations';
import { loadBoard } from '../../../server/board/queries';
import { matchVolunteers } from '../../../server/deployments/queries';
import { createVolunteer } from '../../../server/volunteers/create-volunteer';
import { teamOf } from '../../../server/volunteers/profile';
import { reinstateVolunteer } from '../../../server/volunteers/reinstate-volunteer';
import { retireVolunteer } from '../../../server/volunteers/retire-volunteer';
import { rosterPage } from '../../../server/volunteers/roster';
import { setVolunteerAvailability } from '../../../server/volunteers/set-availability';
import { createTestAccount, TEST_PASSWORD } from '../../support/accounts';
import { openTestDatabase } from '../../support/database';
import { ACTORS, actingAs, countsOf, domainError, freshNik, freshPhone, newVolunteer } from '../../support/registry';

let handle: DatabaseHandle;
const as = (actor: Actor) => actingAs(handle, actor);
const policy: SessionPolicy = { idleMs: 3_600_000, maxMs: 86_400_000 };
let kaltengIncident: string;

beforeAll(async () => {
  handle = await openTestDatabase('demo');
  const [incident] = await handle.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.provinceCode, '62'), inArray(incidents.phase, ['reported', 'response'])))
    .limit(1);
  kaltengIncident = incident!.id;
});
afterAll(async () => {
  await handle?.close();
});

/** A new Tagana volunteer in Kapuas with a skill nobody else has, so matching counts it alone. */
async function soleVolunteer(overrides: Record<string, unknown> = {}) {
  const skill = `uji-${Math.random().toString(36).slice(2, 10)}`;
  const volunteer = await createVolunteer({
    ctx: as(ACTORS.kapuas),
    input: newVolunteer({ skills: [skill], isTeamLeader: false, ...overrides }),
  });
  return { volunteer, skill };
}

async function matched(skill: string): Promise<number> {
  const { regencies } = await matchVolunteers({
    ctx: as(ACTORS.kalteng),
    input: { incidentId: kaltengIncident, pillarCodes: ['tagana'], skill },
  });
  return regencies.find((regency) => regency.code === '62.03')?.available ?? 0;
}

describe('retireVolunteer', () => {
  it('takes the volunteer out of the map, the board, matching and the default roster, keeping the record', async () => {
    const { volunteer, skill } = await soleVolunteer({ name: 'Yanto Pensiun' });
    const before = await countsOf(handle, '62.03');
    const boardBefore = await loadBoard({ ctx: as(ACTORS.leader), input: { provinceCode: '62' } });
    expect(await matched(skill)).toBe(1);

    const ctx = as(ACTORS.kapuas);
    const { volunteer: retired } = await retireVolunteer({
      ctx,
      input: { volunteerId: volunteer.id, reason: '  Pindah kerja ke Jakarta ' },
    });
    expect(retired.retiredReason).toBe('Pindah kerja ke Jakarta');
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect(ctx.published).toMatchObject([
      {
        type: VOLUNTEER_EVENTS.retired,
        provinceCode: '62',
        regencyCode: '62.03',
        volunteerId: volunteer.id,
        actorId: ACTORS.kapuas.userId,
        payload: { reason: 'Pindah kerja ke Jakarta' },
      },
    ]);

    const after = await countsOf(handle, '62.03');
    expect(after.available).toBe(before.available - 1);
    expect(after.tagana).toBe(before.tagana - 1);
    const boardAfter = await loadBoard({ ctx: as(ACTORS.leader), input: { provinceCode: '62' } });
    expect(boardAfter.figures.available.now).toBe(boardBefore.figures.available.now - 1);
    expect(await matched(skill)).toBe(0);

    const active = await rosterPage(handle.db, ACTORS.kapuas, { search: 'Yanto Pensiun' }, new Date());
    expect(active.rows).toEqual([]);
    const retiredView = await rosterPage(
      handle.db,
      ACTORS.kapuas,
      { search: 'Yanto Pensiun', retired: 'yes' },
      new Date(),
    );
    expect(retiredView.rows).toMatchObject([{ id: volunteer.id, retiredReason: 'Pindah kerja ke Jakarta' }]);
    const [kept] = await handle.db.select().from(volunteers).where(eq(volunteers.id, volunteer.id));
    expect(kept).toMatchObject({ name: 'Yanto Pensiun', phone: volunteer.phone });

    // Nothing to set any more, and retiring twice says so.
    await domainError(
      setVolunteerAvailability({
        ctx: as(ACTORS.kapuas),
        input: { volunteerId: volunteer.id, availability: 'available' },
      }),
      'CONFLICT',
    );
    const twice = await domainError(
      retireVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: volunteer.id, reason: 'lagi' } }),
      'CONFLICT',
    );
    expect(twice.message).toContain('sudah tidak aktif');
  });

  it('ends the account at once: sessions revoked, sockets told, signing in refused', async () => {
    const { volunteer } = await soleVolunteer();
    const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: volunteer.id });
    const token = account.cookie.split('=')[1]!;
    const now = () => new Date();
    expect(await resolveSession(handle.db, token, { now: now(), policy })).not.toBeNull();
    const [session] = await handle.db.select().from(sessions).where(eq(sessions.userId, account.userId));

    const { endedSessions: ended } = await retireVolunteer({
      ctx: as(ACTORS.kalteng),
      input: { volunteerId: volunteer.id, reason: 'Meninggal dunia' },
    });
    expect(ended).toBe(1);
    expect(await resolveSession(handle.db, token, { now: now(), policy })).toBeNull();
    expect(await endedSessions(handle.db, [session!.tokenHash], { now: now(), policy })).toEqual(
      new Set([session!.tokenHash]),
    );
    const authCtx = { ...as(ACTORS.admin), sessionPolicy: policy, signInLimits: createSignInLimits(handle.db) };
    const refused = await domainError(
      signIn({
        ctx: authCtx,
        input: { login: volunteer.phone, password: TEST_PASSWORD },
        client: { address: '10.9.9.1' },
      }),
      'UNAUTHENTICATED',
    );
    expect(refused.message).toBe(WRONG_CREDENTIALS);
    // Nor does a new activation link bring it back.
    await domainError(
      issueActivations({ ctx: as(ACTORS.kalteng), input: { volunteerIds: [volunteer.id] } }),
      'CONFLICT',
    );
  });

  it('refuses while an assignment is running, naming the incident', async () => {
    const [running] = await handle.db
      .select({ volunteerId: assignments.volunteerId, status: assignments.status })
      .from(assignments)
      .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
      .where(and(inArray(assignments.status, ['accepted', 'en_route', 'on_site']), isNull(volunteers.retiredAt)))
      .limit(1);
    const error = await domainError(
      retireVolunteer({
        ctx: as(ACTORS.admin),
        input: { volunteerId: running!.volunteerId, reason: 'Mengundurkan diri' },
      }),
      'CONFLICT',
    );
    expect(error.message).toMatch(/sedang bertugas di .+; nonaktifkan setelah tugasnya selesai/);
    const [still] = await handle.db.select().from(volunteers).where(eq(volunteers.id, running!.volunteerId));
    expect(still!.retiredAt).toBeNull();
  });

  it('needs a reason, and a coordinator of the volunteer scope; leaders never', async () => {
    const { volunteer } = await soleVolunteer();
    const noReason = await domainError(
      retireVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: volunteer.id, reason: ' ' } }),
      'INVALID',
    );
    expect(noReason.details?.reason).toEqual(['Tulis alasannya, paling sedikit 3 huruf.']);
    await domainError(
      retireVolunteer({ ctx: as(ACTORS.jabar), input: { volunteerId: volunteer.id, reason: 'Pindah' } }),
      'FORBIDDEN',
    );
    const palangka: Actor = { ...ACTORS.kapuas, scope: { provinceCode: '62', regencyCode: '62.71' } };
    await domainError(
      retireVolunteer({ ctx: as(palangka), input: { volunteerId: volunteer.id, reason: 'Pindah' } }),
      'FORBIDDEN',
    );
    await domainError(
      retireVolunteer({ ctx: as(ACTORS.leader), input: { volunteerId: volunteer.id, reason: 'Pindah' } }),
      'FORBIDDEN',
    );
    await domainError(
      retireVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: 'x', reason: 'Pindah' } }),
      'INVALID',
    );
    await domainError(
      retireVolunteer({
        ctx: as(ACTORS.kapuas),
        input: { volunteerId: '00000000-0000-4000-8000-00000000eeee', reason: 'Pindah' },
      }),
      'NOT_FOUND',
    );
  });

  it('leaves a ketua regu team view', async () => {
    const leader = await createVolunteer({
      ctx: as(ACTORS.kapuas),
      input: newVolunteer({ pillarCode: 'slrt', isTeamLeader: true }),
    });
    const member = await createVolunteer({
      ctx: as(ACTORS.kapuas),
      input: newVolunteer({ pillarCode: 'slrt', name: 'Anggota Regu' }),
    });
    const team = () => teamOf(handle.db, { volunteerId: leader.id, regencyCode: '62.03', pillarCode: 'slrt' });
    expect((await team()).map((row) => row.id)).toContain(member.id);
    await retireVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: member.id, reason: 'Pindah domisili' } });
    expect((await team()).map((row) => row.id)).not.toContain(member.id);
  });
});

describe('reinstateVolunteer', () => {
  it('brings a volunteer back tidak siaga, counted again, and its account signs in again', async () => {
    const { volunteer } = await soleVolunteer({ nik: freshNik() });
    const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: volunteer.id });
    await retireVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: volunteer.id, reason: 'Cuti panjang' } });
    const before = await countsOf(handle, '62.03');

    const ctx = as(ACTORS.kapuas);
    const back = await reinstateVolunteer({ ctx, input: { volunteerId: volunteer.id } });
    expect(back).toMatchObject({ retiredAt: null, retiredReason: null, availability: 'unavailable' });
    expect(ctx.published).toMatchObject([
      {
        type: VOLUNTEER_EVENTS.reinstated,
        regencyCode: '62.03',
        volunteerId: volunteer.id,
        payload: { retiredReason: 'Cuti panjang' },
      },
    ]);
    const after = await countsOf(handle, '62.03');
    expect(after.unavailable).toBe(before.unavailable + 1);
    expect(after.available).toBe(before.available);

    const [user] = await handle.db.select().from(users).where(eq(users.id, account.userId));
    expect(user!.phone).toBe(volunteer.phone);
    const authCtx = { ...as(ACTORS.admin), sessionPolicy: policy, signInLimits: createSignInLimits(handle.db) };
    const { actor } = await signIn({
      ctx: authCtx,
      input: { login: volunteer.phone, password: TEST_PASSWORD },
      client: { address: '10.9.9.2' },
    });
    expect(actor).toMatchObject({ role: 'volunteer', volunteerId: volunteer.id });

    await domainError(reinstateVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: volunteer.id } }), 'CONFLICT');
  });

  it('is refused while another active volunteer holds its phone or NIK', async () => {
    const nik = freshNik();
    const { volunteer } = await soleVolunteer({ nik });
    await retireVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: volunteer.id, reason: 'Pindah kerja' } });
    // The number went to someone new meanwhile (allowed: phones are unique among active volunteers only).
    const successor = await createVolunteer({
      ctx: as(ACTORS.kapuas),
      input: newVolunteer({ name: 'Pemilik Baru', phone: volunteer.phone }),
    });
    const phone = await domainError(
      reinstateVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: volunteer.id } }),
      'CONFLICT',
    );
    expect(phone.message).toContain('Pemilik Baru');

    await retireVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: successor.id, reason: 'Salah input' } });
    await createVolunteer({
      ctx: as(ACTORS.kapuas),
      input: newVolunteer({ name: 'Pemilik NIK', nik, phone: freshPhone() }),
    });
    const nikTaken = await domainError(
      reinstateVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: volunteer.id } }),
      'CONFLICT',
    );
    expect(nikTaken.details?.nik?.[0]).toContain('Pemilik NIK');
    await domainError(
      reinstateVolunteer({ ctx: as(ACTORS.leader), input: { volunteerId: volunteer.id } }),
      'FORBIDDEN',
    );
  });
});
