import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { events, users, volunteers } from '../../db/schema';
import { AUDIT_PAGE_SIZE } from '../../lib/audit';
import { auditActors, auditPage } from '../../server/audit/queries';
import type { Actor } from '../../server/auth/actor';
import { DomainError } from '../../server/errors';
import { setVolunteerAvailability } from '../../server/volunteers/set-availability';
import { openTestDatabase } from '../support/database';
import { testContext } from '../support/domain';

const KALTENG: Actor = {
  role: 'coordinator',
  userId: '00000000-0000-4000-8000-0000000000a1',
  name: 'Koordinator Audit',
  scope: { provinceCode: '62', regencyCode: null },
};
const KAPUAS: Actor = { ...KALTENG, scope: { provinceCode: '62', regencyCode: '62.03' } };
const JABAR: Actor = {
  ...KALTENG,
  userId: '00000000-0000-4000-8000-0000000000a2',
  scope: { provinceCode: '32', regencyCode: null },
};
const LEADER: Actor = { ...KALTENG, role: 'leader' };
const ADMIN: Actor = { role: 'admin', userId: '00000000-0000-4000-8000-0000000000a3', name: 'Admin' };

let handle: DatabaseHandle;
let kapuasVolunteer: string;
let katinganVolunteer: string;

beforeAll(async () => {
  handle = await openTestDatabase('demo');
  await handle.db.insert(users).values([
    { id: KALTENG.userId, role: 'coordinator', displayName: 'Koordinator Audit', provinceCode: '62' },
    { id: JABAR.userId, role: 'coordinator', displayName: 'Koordinator Audit Jabar', provinceCode: '32' },
  ]);
  const pick = async (regencyCode: string) =>
    (
      await handle.db
        .select({ id: volunteers.id })
        .from(volunteers)
        .where(eq(volunteers.regencyCode, regencyCode))
        .orderBy(volunteers.id)
        .limit(1)
    )[0]!.id;
  kapuasVolunteer = await pick('62.03');
  katinganVolunteer = await pick('62.06');
  // Three changes by the coordinator, each a logged event with the coordinator as its actor.
  const ctx = { ...testContext(handle), actor: KALTENG };
  for (const [volunteerId, availability] of [
    [kapuasVolunteer, 'unavailable'],
    [katinganVolunteer, 'unavailable'],
    [kapuasVolunteer, 'available'],
  ] as const) {
    await setVolunteerAvailability({ ctx, input: { volunteerId, availability } });
  }
});
afterAll(async () => {
  await handle?.close();
});

describe('auditPage', () => {
  it('lists who changed what, newest first; seed events have no actor (sistem)', async () => {
    const page = await auditPage(handle.db, KALTENG, {}, 'Asia/Jakarta');
    expect(page.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(page.entries.slice(0, 3).map((entry) => [entry.volunteer?.id, entry.actor?.name])).toEqual([
      [kapuasVolunteer, 'Koordinator Audit'],
      [katinganVolunteer, 'Koordinator Audit'],
      [kapuasVolunteer, 'Koordinator Audit'],
    ]);
    const ids = page.entries.map((entry) => entry.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(page.entries.slice(3).some((entry) => entry.actor === null)).toBe(true);
    expect(page.entries.every((entry) => entry.provinceCode === '62')).toBe(true);
  });

  it('filters by person, volunteer, kind and date', async () => {
    const byActor = await auditPage(handle.db, KALTENG, { actorId: KALTENG.userId }, 'Asia/Jakarta');
    expect(byActor.entries).toHaveLength(3);
    const byVolunteer = await auditPage(
      handle.db,
      KALTENG,
      { volunteerId: kapuasVolunteer, actorId: KALTENG.userId },
      'Asia/Jakarta',
    );
    expect(byVolunteer.entries.map((entry) => entry.payload.to)).toEqual(['available', 'unavailable']);
    const incidents = await auditPage(handle.db, KALTENG, { kind: 'incidents' }, 'Asia/Jakarta');
    expect(incidents.entries.length).toBeGreaterThan(0);
    expect(incidents.entries.every((entry) => entry.type.startsWith('incident.'))).toBe(true);
    const incidentId = incidents.entries[0]!.incident!.id;
    const oneIncident = await auditPage(handle.db, KALTENG, { incidentId }, 'Asia/Jakarta');
    expect(oneIncident.entries.every((entry) => entry.incident?.id === incidentId)).toBe(true);
    const future = await auditPage(handle.db, KALTENG, { from: '2099-01-01' }, 'Asia/Jakarta');
    expect(future.entries).toEqual([]);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const todays = await auditPage(
      handle.db,
      KALTENG,
      { actorId: KALTENG.userId, from: today, to: today },
      'Asia/Jakarta',
    );
    expect(todays.entries).toHaveLength(3);
  });

  it('pages by event id without overlap or gap', async () => {
    const first = await auditPage(handle.db, ADMIN, {}, 'Asia/Jakarta');
    const second = await auditPage(handle.db, ADMIN, { before: first.nextBefore }, 'Asia/Jakarta');
    expect(second.entries[0]!.id).toBeLessThan(first.entries.at(-1)!.id);
    const [between] = await handle.db
      .select({ id: events.id })
      .from(events)
      .where(eq(events.id, first.entries.at(-1)!.id - 1));
    if (between) expect(second.entries[0]!.id).toBe(between.id);
  });

  it('stays inside the scope and refuses leaders and bad filters', async () => {
    const kapuas = await auditPage(handle.db, KAPUAS, { actorId: KALTENG.userId }, 'Asia/Jakarta');
    expect(kapuas.entries.map((entry) => entry.volunteer?.id)).toEqual([kapuasVolunteer, kapuasVolunteer]);
    const jabar = await auditPage(handle.db, JABAR, { actorId: KALTENG.userId }, 'Asia/Jakarta');
    expect(jabar.entries).toEqual([]);
    await expect(auditPage(handle.db, LEADER, {}, 'Asia/Jakarta')).rejects.toBeInstanceOf(DomainError);
    const bad = await auditPage(handle.db, KALTENG, { from: 'kemarin', kind: 'semua' }, 'Asia/Jakarta').catch(
      (error: DomainError) => error,
    );
    expect((bad as DomainError).code).toBe('INVALID');
    expect(Object.keys((bad as DomainError).details!)).toEqual(expect.arrayContaining(['from', 'kind']));
    const offered = await auditActors(handle.db, KALTENG);
    expect(offered.map((account) => account.id)).toContain(KALTENG.userId);
    expect(offered.map((account) => account.id)).not.toContain(JABAR.userId);
  });
});
