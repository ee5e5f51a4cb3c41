import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { events, incidents, regencies, volunteers } from '../../db/schema';
import { DomainError } from '../../server/errors';
import { appendEvents } from '../../server/events/append';
import { lockIncident } from '../../server/incidents/access';
import { availabilityByRegency } from '../../server/regencies/queries';
import { AVAILABILITY_CHANGED, setVolunteerAvailability } from '../../server/volunteers/set-availability';
import { openTestDatabase, testDriver } from '../support/database';
import type { Actor } from '../../server/auth/actor';
import { testContext } from '../support/domain';

const KALTENG_COORDINATOR: Actor = {
  role: 'coordinator',
  userId: '00000000-0000-4000-8000-000000000001',
  name: 'Koordinator Kalteng',
  scope: { provinceCode: '62', regencyCode: null },
};

/** A context acting as `actor` (the Kalteng coordinator unless said otherwise). */
function actingAs(actor: Actor = KALTENG_COORDINATOR) {
  return { ...testContext(handle), actor };
}

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('demo');
});
afterAll(async () => {
  await handle?.close();
});

async function volunteerWith(availability: 'available' | 'deployed' | 'unavailable', provinceCode = '62') {
  const [row] = await handle.db
    .select({ id: volunteers.id, regencyCode: volunteers.regencyCode })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(and(eq(volunteers.availability, availability), eq(regencies.provinceCode, provinceCode)))
    .orderBy(volunteers.id)
    .limit(1);
  if (!row) throw new Error(`the demo has no ${availability} volunteer in ${provinceCode}`);
  return row;
}

async function eventCount(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(events);
  return row?.n ?? 0;
}

async function expectDomainError(promise: Promise<unknown>, code: DomainError['code']): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describe('setVolunteerAvailability', () => {
  it('moves a volunteer from siaga to tidak siaga, logs one event and announces it after commit', async () => {
    const ctx = actingAs();
    const volunteer = await volunteerWith('available');
    const [before] = await availabilityByRegency(handle.db, '62', [volunteer.regencyCode]);

    const { volunteer: updated, event } = await setVolunteerAvailability({
      ctx,
      input: { volunteerId: volunteer.id, availability: 'unavailable' },
    });

    expect(updated.availability).toBe('unavailable');
    expect(event).toMatchObject({
      type: AVAILABILITY_CHANGED,
      provinceCode: '62',
      regencyCode: volunteer.regencyCode,
      volunteerId: volunteer.id,
      payload: { from: 'available', to: 'unavailable' },
    });
    expect(ctx.published).toEqual([event]);
    const [after] = await availabilityByRegency(handle.db, '62', [volunteer.regencyCode]);
    expect(after!.available).toBe(before!.available - 1);
    expect(after!.unavailable).toBe(before!.unavailable + 1);
  });

  it('does nothing, and announces nothing, when the availability is already the one asked for', async () => {
    const ctx = actingAs();
    const volunteer = await volunteerWith('unavailable');
    const eventsBefore = await eventCount();
    const { event } = await setVolunteerAvailability({
      ctx,
      input: { volunteerId: volunteer.id, availability: 'unavailable' },
    });
    expect(event).toBeNull();
    expect(ctx.published).toEqual([]);
    expect(await eventCount()).toBe(eventsBefore);
  });

  it('refuses to set "bertugas" by hand: it follows assignments', async () => {
    const volunteer = await volunteerWith('available');
    const error = await expectDomainError(
      setVolunteerAvailability({
        ctx: actingAs(),
        input: { volunteerId: volunteer.id, availability: 'deployed' },
      }),
      'CONFLICT',
    );
    expect(error.message).toMatch(/Bertugas/);
  });

  it('refuses to take a deployed volunteer off duty and leaves the row untouched', async () => {
    const volunteer = await volunteerWith('deployed');
    const eventsBefore = await eventCount();
    await expectDomainError(
      setVolunteerAvailability({
        ctx: actingAs(),
        input: { volunteerId: volunteer.id, availability: 'available' },
      }),
      'CONFLICT',
    );
    const [row] = await handle.db.select().from(volunteers).where(eq(volunteers.id, volunteer.id));
    expect(row?.availability).toBe('deployed');
    expect(await eventCount()).toBe(eventsBefore);
  });

  it('answers NOT_FOUND for an unknown volunteer and INVALID for malformed input, writing nothing', async () => {
    const eventsBefore = await eventCount();
    const ctx = actingAs();
    await expectDomainError(
      setVolunteerAvailability({
        ctx,
        input: { volunteerId: '00000000-0000-4000-8000-000000000000', availability: 'available' },
      }),
      'NOT_FOUND',
    );
    const invalid = await expectDomainError(
      setVolunteerAvailability({ ctx, input: { volunteerId: 'not-a-uuid', availability: 'resting' } }),
      'INVALID',
    );
    expect(Object.keys(invalid.details ?? {})).toEqual(expect.arrayContaining(['volunteerId', 'availability']));
    expect(await eventCount()).toBe(eventsBefore);
    expect(ctx.published).toEqual([]);
  });
});

describe("who may set a volunteer's availability", () => {
  async function volunteerActor(id: string): Promise<Actor> {
    const [row] = await handle.db
      .select({ volunteer: volunteers, provinceCode: regencies.provinceCode })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(eq(volunteers.id, id));
    const { volunteer, provinceCode } = row!;
    return {
      role: 'volunteer',
      userId: '00000000-0000-4000-8000-000000000002',
      name: volunteer.name,
      volunteerId: volunteer.id,
      provinceCode,
      regencyCode: volunteer.regencyCode,
      pillarCode: volunteer.pillarCode,
      isTeamLeader: volunteer.isTeamLeader,
    };
  }

  it("lets a volunteer set its own, and refuses it for anyone else's", async () => {
    const [self, other] = await handle.db
      .select({ id: volunteers.id })
      .from(volunteers)
      .where(eq(volunteers.availability, 'unavailable'))
      .orderBy(volunteers.id)
      .limit(2);
    const actor = await volunteerActor(self!.id);
    const { volunteer } = await setVolunteerAvailability({
      ctx: actingAs(actor),
      input: { volunteerId: self!.id, availability: 'available' },
    });
    expect(volunteer.availability).toBe('available');
    await expectDomainError(
      setVolunteerAvailability({ ctx: actingAs(actor), input: { volunteerId: other!.id, availability: 'available' } }),
      'FORBIDDEN',
    );
    const [untouched] = await handle.db.select().from(volunteers).where(eq(volunteers.id, other!.id));
    expect(untouched?.availability).toBe('unavailable');
  });

  it('refuses leaders, coordinators of another province, and kabupaten coordinators outside their kabupaten', async () => {
    const volunteer = await volunteerWith('available');
    const outsiders: Actor[] = [
      {
        role: 'leader',
        userId: KALTENG_COORDINATOR.userId,
        name: 'Kadis',
        scope: { provinceCode: '62', regencyCode: null },
      },
      { ...KALTENG_COORDINATOR, scope: { provinceCode: '32', regencyCode: null } },
      {
        ...KALTENG_COORDINATOR,
        scope: { provinceCode: '62', regencyCode: volunteer.regencyCode === '62.03' ? '62.04' : '62.03' },
      },
    ];
    const eventsBefore = await eventCount();
    for (const actor of outsiders) {
      await expectDomainError(
        setVolunteerAvailability({
          ctx: actingAs(actor),
          input: { volunteerId: volunteer.id, availability: 'unavailable' },
        }),
        'FORBIDDEN',
      );
    }
    expect(await eventCount()).toBe(eventsBefore);
    const kabupatenCoordinator: Actor = {
      ...KALTENG_COORDINATOR,
      scope: { provinceCode: '62', regencyCode: volunteer.regencyCode },
    };
    const { event } = await setVolunteerAvailability({
      ctx: actingAs(kabupatenCoordinator),
      input: { volunteerId: volunteer.id, availability: 'unavailable' },
    });
    expect(event?.volunteerId).toBe(volunteer.id);
  });
});

describe('event log order', () => {
  it('gives a later-committing transaction the later id, even when it started writing first', async () => {
    // Transaction A takes an id and holds its commit; B must not get an id until A has committed.
    const order: string[] = [];
    // B starts only once A holds the lock and its id: started together, B could take the lock first.
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
    let aHoldsId!: () => void;
    const aHasId = new Promise<void>((resolve) => (aHoldsId = resolve));
    const a = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${0x706f736b})`);
      const [row] = await tx
        .insert(events)
        .values({ type: 'test.a', provinceCode: '62', payload: {} })
        .returning({ id: events.id });
      aHoldsId();
      await aMayCommit;
      order.push('a');
      return row!.id;
    });
    await aHasId;
    const b = handle.db.transaction(async (tx) => {
      const [row] = await appendEvents(tx, [{ type: 'test.b', provinceCode: '62', payload: {} }]);
      order.push('b');
      return row!.id;
    });
    setTimeout(releaseA, 200);
    const [idA, idB] = await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    expect(idB).toBeGreaterThan(idA);
  });

  it(`lets a verb holding an incident and a writer of that incident's event both commit, never deadlocked (${testDriver()})`, async () => {
    // A verb locks the incident, then appends its events last. Meanwhile another transaction holds the
    // event-log lock and writes an event naming that incident, whose foreign key check must not wait for
    // the verb's row lock: if it did, each would wait for the other.
    const [incident] = await handle.db
      .select({ id: incidents.id, provinceCode: incidents.provinceCode })
      .from(incidents)
      .limit(1);
    let locked!: () => void;
    const incidentLocked = new Promise<void>((resolve) => (locked = resolve));
    let writerDone = false;
    const eventOf = (type: string) => ({
      type,
      provinceCode: incident!.provinceCode,
      incidentId: incident!.id,
      payload: {},
    });
    const verb = handle.db.transaction(async (tx) => {
      await lockIncident(tx, incident!.id);
      locked();
      // On PostgreSQL, wait until the other writer holds the event-log lock (or is already done); PGlite
      // runs one transaction at a time, so there the writer simply follows.
      while (testDriver() === 'postgres' && !writerDone) {
        const held = await handle.db.execute(
          sql`select 1 from pg_locks where locktype = 'advisory' and objid = ${0x706f736b} and granted`,
        );
        if ((held as unknown as { rows: unknown[] }).rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return (await appendEvents(tx, [eventOf('test.verb')]))[0]!.id;
    });
    await incidentLocked;
    const writer = handle.db
      .transaction(async (tx) => (await appendEvents(tx, [eventOf('test.writer')]))[0]!.id)
      .finally(() => (writerDone = true));
    const ids = await Promise.all([verb, writer]);
    expect(new Set(ids).size).toBe(2);
  });
});
