import { and, eq, gt, inArray, or } from 'drizzle-orm';
import { io as connect } from 'socket.io-client';
import type { Database } from '../../db/client';
import { events, incidents } from '../../db/schema';
import type { LiveEvent } from '../../lib/realtime';
import type { Actor } from '../../lib/roles';
import type { RunningPosko } from '../../server/app';
import { getAppContext } from '../../server/context';
import { latestEventId } from '../../server/events/queries';
import { setVolunteerAvailability } from '../../server/volunteers/set-availability';
import type { TestAccount } from './accounts';
import { addVolunteers } from './dispatch';
import type { TestClient } from './realtime';

/** A seeded pseudo-random sequence (mulberry32): the same seed, the same schedule. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What the harness needs of a page's live-event module. */
export interface FollowingPage {
  close(): void;
}
export type PageFactory = (
  socket: TestClient,
  initialPosition: number,
  onEvent: (event: LiveEvent) => void,
) => FollowingPage;

interface CatchUpFaults {
  delayMs: number;
  lose: boolean;
  hold: boolean;
  held: (() => void)[];
}

/**
 * Faults on the server's side of the catch-up, per page (the socket's `page` query): its answers
 * delayed, held until released, or lost. Installed once per server.
 */
export function installCatchUpFaults(posko: RunningPosko) {
  const pages = new Map<string, CatchUpFaults>();
  posko.realtime.io.on('connection', (socket) => {
    const faults = pages.get(String(socket.handshake.query.page));
    socket.use((packet, next) => {
      if (packet[0] !== 'events:since' || !faults) return next();
      if (faults.lose) {
        faults.lose = false;
        return;
      }
      if (faults.hold) return void faults.held.push(() => next());
      if (faults.delayMs > 0) return void setTimeout(() => next(), faults.delayMs);
      next();
    });
  });
  return {
    forPage(page: string) {
      const faults: CatchUpFaults = { delayMs: 0, lose: false, hold: false, held: [] };
      pages.set(page, faults);
      return {
        faults,
        release() {
          faults.hold = false;
          for (const next of faults.held.splice(0)) next();
        },
        forget: () => pages.delete(page),
      };
    },
  };
}

/** Volunteers the writer toggles between siaga and tidak siaga, and where they live. */
export interface Togglers {
  ids: Record<'home' | 'province' | 'elsewhere', string[]>;
  state: Map<string, 'available' | 'unavailable'>;
}

/** Volunteers in Kapuas (62.03), elsewhere in Kalimantan Tengah (Palangka Raya) and in Kuningan (32.08). */
export async function addTogglers(db: Database): Promise<Togglers> {
  const made = async (regencyCode: string) =>
    (await addVolunteers(db, { regencyCode, count: 12 })).map((volunteer) => volunteer.id);
  const ids = { home: await made('62.03'), province: await made('62.71'), elsewhere: await made('32.08') };
  return {
    ids,
    state: new Map(
      Object.values(ids)
        .flat()
        .map((id) => [id, 'available' as const]),
    ),
  };
}

/** One change by another client (an admin's availability switch), through the running server's verb. */
async function toggle(togglers: Togglers, admin: Actor, volunteerId: string): Promise<void> {
  const to = togglers.state.get(volunteerId) === 'available' ? 'unavailable' : 'available';
  togglers.state.set(volunteerId, to);
  await setVolunteerAvailability({
    ctx: { ...getAppContext(), actor: admin },
    input: { volunteerId, availability: to },
  });
}

/** The ids of the events an actor's scope holds after a position, straight from the log. */
export async function idsInScope(db: Database, actor: Actor, after: number): Promise<number[]> {
  if (actor.role !== 'coordinator') throw new Error('the harness follows coordinators');
  const scope = actor.scope.regencyCode
    ? or(
        eq(events.regencyCode, actor.scope.regencyCode),
        inArray(
          events.incidentId,
          db.select({ id: incidents.id }).from(incidents).where(eq(incidents.regencyCode, actor.scope.regencyCode)),
        ),
      )
    : eq(events.provinceCode, actor.scope.provinceCode);
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .where(and(gt(events.id, after), scope))
    .orderBy(events.id);
  return rows.map((row) => row.id);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await pause(5);
  }
  return check();
}

export interface ScheduleRun {
  seed: number;
  missing: number[];
  twice: number[];
  outOfOrder: boolean;
  events: number;
}

export interface Harness {
  posko: RunningPosko;
  db: Database;
  faults: ReturnType<typeof installCatchUpFaults>;
  togglers: Togglers;
  admin: TestAccount;
  pages: TestAccount[];
}

/**
 * One seeded schedule: a new page (younger than any overlap window) follows the log over a real
 * Socket.IO connection that is dropped and restored at random moments, while another client changes
 * volunteers in and out of the page's scope and the server's catch-up answers are delayed, held or lost.
 * Seed 1 is the drop right after the first live event and before the catch-up answer.
 */
export async function runSchedule(harness: Harness, makePage: PageFactory, seed: number): Promise<ScheduleRun> {
  const { posko, db, togglers, admin } = harness;
  const faults = harness.faults.forPage(String(seed));
  const next = random(seed);
  const account = harness.pages[seed % harness.pages.length]!;
  const inScope =
    account.actor.role === 'coordinator' && account.actor.scope.regencyCode ? ['home'] : ['home', 'province'];
  const outOfScope = inScope.length === 1 ? ['province', 'elsewhere'] : ['elsewhere'];
  const choose = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const write = (places: string[]) =>
    toggle(togglers, admin.actor, choose(togglers.ids[choose(places) as keyof Togglers['ids']]));

  const socket: TestClient = connect(posko.url, {
    query: { page: String(seed) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: account.cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const start = await latestEventId(db);
  const applied: number[] = [];
  const page = makePage(socket, start, (event) => applied.push(event.id));
  const reconnect = async () => {
    if (socket.connected) return;
    const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.connect();
    await connected;
  };
  const drop = () => socket.io.engine?.close();
  const inFlight: Promise<void>[] = [];

  if (seed === 1) {
    // The page reconnects; its catch-up is asked but not yet answered when a live event arrives; the
    // connection drops again before the answer, and changes go on while it is down.
    await write(inScope);
    drop();
    for (let i = 0; i < 5; i += 1) await write(inScope);
    faults.faults.hold = true;
    await reconnect();
    await until(() => faults.faults.held.length > 0, 2_000);
    const live = new Promise<void>((resolve) => socket.once('events:appended', () => resolve()));
    await write(inScope);
    await Promise.race([live, pause(2_000)]);
    drop();
    faults.release();
    for (let i = 0; i < 5; i += 1) await write(inScope);
    await reconnect();
  } else {
    const steps = 5 + Math.floor(next() * 8);
    for (let step = 0; step < steps; step += 1) {
      const roll = next();
      if (roll < 0.4) {
        const change = write(inScope);
        if (next() < 0.3) inFlight.push(change);
        else await change;
      } else if (roll < 0.6) {
        await write(outOfScope);
      } else if (roll < 0.72) {
        drop();
        const down = Math.floor(next() * 4);
        for (let i = 0; i < down; i += 1) await write(next() < 0.7 ? inScope : outOfScope);
        await pause(Math.floor(next() * 20));
        await reconnect();
      } else if (roll < 0.8) {
        faults.faults.delayMs = Math.floor(next() * 60);
        drop();
        await write(inScope);
        await reconnect();
        if (next() < 0.5) await write(inScope);
      } else if (roll < 0.86) {
        // The answer to the next catch-up is lost although the connection stays up.
        faults.faults.lose = true;
        drop();
        await write(inScope);
        await reconnect();
        await write(inScope);
      } else if (roll < 0.93) {
        // Drop right after a live event while the catch-up is held.
        faults.faults.hold = true;
        drop();
        await write(inScope);
        await reconnect();
        await until(() => faults.faults.held.length > 0, 1_000);
        await write(inScope);
        if (next() < 0.7) drop();
        faults.release();
        await write(inScope);
        await reconnect();
      } else {
        await pause(Math.floor(next() * 15));
      }
      faults.faults.delayMs = 0;
    }
  }
  await Promise.all(inFlight);
  faults.release();
  await reconnect();

  const expected = await idsInScope(db, account.actor, start);
  await until(() => expected.every((id) => applied.includes(id)), 3_000);
  page.close();
  socket.disconnect();
  faults.forget();
  const seen = new Set<number>();
  const twice = applied.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  return {
    seed,
    missing: expected.filter((id) => !seen.has(id)),
    twice,
    outOfOrder: applied.some((id, i) => i > 0 && id < applied[i - 1]!),
    events: expected.length,
  };
}
