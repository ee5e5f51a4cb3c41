/**
 * `npm run bench:soak`: a soak of the dispatch loop, not a test. N phones (Socket.IO clients, websocket
 * only, signed in as N volunteers) stay connected to the real Posko server (HTTP + Socket.IO, no pages)
 * while a steady stream of work runs for `--minutes`:
 * - a coordinator asks for a few places every few seconds (the `requestDeployment` verb with the running
 *   server's `publish`, as a route handler calls it), each offered to the Tagana of one kabupaten in turn;
 * - the first phones to get an offer accept it (`offer:accept`) and report "berangkat", "tiba di lokasi"
 *   and "selesai" (`assignment:report`), which makes them siaga again;
 * - PSM volunteers, whom the requests never ask for, switch between siaga and tidak siaga
 *   (`setVolunteerAvailability` with the volunteer as actor, as the phone's PATCH route calls it);
 * - every phone asks `events:since` once a minute, staggered: the server's replay of its scope.
 *
 * Every minute it samples the server process (heap, RSS, event-loop delay) and the publish lag (arrival on a
 * phone − commit, on the monotonic clock both processes read). At the end every phone's live events must be
 * exactly what its replays return since the start. Prints a row per minute, the first and last minutes side
 * by side (on a long run the median of up to five at each end), writes tests/bench/results/soak.json, and
 * exits non-zero when a check or a goal fails.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { inArray } from 'drizzle-orm';
import { users } from '../../db/schema';
import { startPosko, type RunningPosko } from '../../server/app';
import type { Actor, ActorContext } from '../../server/auth/actor';
import { actorOf } from '../../server/auth/sessions';
import { requestDeployment } from '../../server/deployments/request-deployment';
import { parseEnv } from '../../server/env';
import type { CommittedEvent } from '../../server/events/append';
import { latestEventId } from '../../server/events/queries';
import { poskoMetrics } from '../../server/metrics/registry';
import { setVolunteerAvailability } from '../../server/volunteers/set-availability';
import { seedTo } from '../support/database';
import { seedIncident, seedPasswordHash, seedPhones, startClientProcess, type ClientProcess } from './phones';
import { monotonicMs, type CommandTally, type FieldCheck, type FieldCommand } from './protocol';
import {
  benchOptions,
  median,
  openBenchDatabase,
  percentile,
  round,
  runBench,
  shown,
  writeResults,
  type BenchDatabase,
  type Cleanup,
} from './support';

// ---- options ----

const USAGE = `Usage: npm run bench:soak -- [--minutes 3] [--phones 2000] [--database postgres|pglite]
                          [--out tests/bench/results/soak.json]`;

interface Options {
  minutes: number;
  phones: number;
  database: BenchDatabase;
  out: string;
}

function parseOptions(): Options {
  const option = benchOptions(USAGE, {
    minutes: '3',
    phones: '2000',
    database: 'postgres',
    out: 'tests/bench/results/soak.json',
  });
  return {
    // Two minutes at least: the first is compared with the last.
    minutes: option.whole('minutes', 2, 24 * 60),
    // Every kabupaten needs Tagana to offer to and a PSM volunteer to switch.
    phones: option.whole('phones', 50, 20_000),
    database: option.oneOf('database', ['postgres', 'pglite']),
    out: option.file('out'),
  };
}

// ---- the stream (modest and steady, so two shared cores keep up) ----

const PROVINCE = '62'; // Kalimantan Tengah
const INCIDENT_REGENCY = '62.06'; // Katingan
/** The Tagana of one of these is asked each time, in turn. */
const FIELD_REGENCIES = ['62.01', '62.02', '62.03', '62.04', '62.05', '62.07', '62.10', '62.11'];
/** One volunteer in this many is PSM: never asked, switching availability. */
const STANDBY_EVERY = 10;
const REQUEST_EVERY_MS = 4_000;
const PLACES_PER_REQUEST = 3;
/** One more than the places: the last to tap is refused ("sudah penuh"). */
const ACCEPTS_PER_REQUEST = PLACES_PER_REQUEST + 1;
const REPORT_STEP_MS = 5_000;
const AVAILABILITY_EVERY_MS = 2_000;
const REPLAY_EVERY_MS = 60_000;
const MINUTE_MS = 60_000;
/** Commit times go to the client process in batches this often. */
const COMMITS_FLUSH_MS = 250;
const CONNECT_BATCH = 100;
const COMMAND_TIMEOUT_MS = 30_000;

// ---- goals ----

/** Heap and RSS of the last minute at most this much above the first compared minute. */
const MEMORY_GROWTH_GOAL = 0.1;
/** The last minute's lag p99 at most this much above the first's, or this many ms, whichever is larger. */
const LAG_GROWTH_GOAL = 0.25;
const LAG_SLACK_MS = 10;
/** The most minutes each end of a long run is summed up over (a third of the compared minutes, at least one). */
const MAX_WINDOW_MINUTES = 5;

// ---- setup (not timed) ----

interface Crew {
  phones: { volunteerId: string; userId: string; cookie: string }[];
  /** The PSM volunteers with their actors, as their phones' sessions resolve them. */
  standby: { volunteerId: string; actor: Actor }[];
  coordinator: Actor;
  incidentId: string;
}

async function seedCrew(posko: RunningPosko, options: Options): Promise<Crew> {
  const passwordHash = await seedPasswordHash();
  const isStandby = (i: number) => i % STANDBY_EVERY === STANDBY_EVERY - 1;
  const roster = Array.from({ length: options.phones }, (_, i) => ({
    regencyCode: FIELD_REGENCIES[Math.floor(i / STANDBY_EVERY) % FIELD_REGENCIES.length]!,
    pillarCode: isStandby(i) ? 'psm' : 'tagana',
    skills: [],
  }));
  const { db } = posko.database;
  const phones = await seedPhones(db, roster, passwordHash);
  const standbyPhones = phones.filter((_, i) => isStandby(i));
  const accounts = await db
    .select()
    .from(users)
    .where(
      inArray(
        users.id,
        standbyPhones.map((phone) => phone.userId),
      ),
    );
  const standby = await Promise.all(
    accounts.map(async (account) => ({ volunteerId: account.volunteerId!, actor: (await actorOf(db, account))! })),
  );
  const { coordinator, incidentId } = await seedIncident(
    { db, publish: posko.realtime.publish },
    { provinceCode: PROVINCE, regencyCode: INCIDENT_REGENCY, description: 'Uji beban soak' },
    passwordHash,
  );
  return { phones, standby, coordinator, incidentId };
}

function requestInput(incidentId: string, regencyCode: string) {
  return {
    incidentId,
    slots: PLACES_PER_REQUEST,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: [regencyCode],
    meetingPoint: 'Halaman kantor Dinas Sosial Kabupaten Katingan',
    deadline: new Date(Date.now() + 6 * 3_600_000).toISOString(),
  };
}

/**
 * Sends when each event committed to the phones' process. The server notes every verb's commit for its
 * own publish-lag metric (markCommitted); listening there times the phones' commands too, whose publish
 * happens inside the server. `note` also takes events the benchmark publishes itself.
 */
function commitTimes(clients: ClientProcess) {
  let batch: [number, number][] = [];
  const note = (events: readonly object[]) => {
    const at = monotonicMs();
    for (const event of events) {
      if ('id' in event && typeof event.id === 'number') batch.push([event.id, at]);
    }
  };
  const metrics = poskoMetrics();
  class NotedCommits extends WeakMap<object, number> {
    override set(event: object, at: number): this {
      note([event]);
      return super.set(event, at);
    }
  }
  metrics.committedAt = new NotedCommits();
  const flush = async () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    await clients.call('soak:committed', { events });
  };
  let flushing = Promise.resolve();
  const timer = setInterval(() => {
    flushing = flushing.then(flush).catch((error: unknown) => console.error(`Commit times not sent: ${String(error)}`));
  }, COMMITS_FLUSH_MS);
  return {
    note,
    async stop() {
      clearInterval(timer);
      await flushing;
      await flush();
    },
  };
}

// ---- numbers ----

/** A phone command's answers in one minute. */
interface Answers {
  ok: number;
  refused: number;
  timeouts: number;
}

interface Minute {
  minute: number;
  requests: number;
  offered: number;
  availabilityChanges: number;
  accepts: Answers;
  reports: Answers;
  replays: Answers;
  eventsToPhones: number;
  /** At the minute's end, right after a full collection: what the server keeps, not when it last collected. */
  heapUsedMb: number;
  /** At the same moment. */
  rssMb: number;
  loopDelayP99Ms: number;
  lag: { samples: number; untimed: number; p50Ms: number; p99Ms: number; maxMs: number };
}

const mb = (bytes: number) => round(bytes / 1_048_576);

/** The server process's memory after a full collection (one pause of some ms a minute). */
function memoryAfterCollection(): { heapUsed: number; rss: number } {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage();
}
const change = (first: number, last: number) => (last - first) / first;

/** A few minutes side by side with others: each figure the median over them. */
function windowOf(minutes: Minute[]) {
  const of = (pick: (minute: Minute) => number) => median(minutes.map(pick));
  const numbers = minutes.map((minute) => minute.minute);
  return {
    minutes: numbers,
    label: numbers.length === 1 ? `minute ${numbers[0]}` : `minutes ${numbers[0]}–${numbers.at(-1)}`,
    heapUsedMb: of((minute) => minute.heapUsedMb),
    rssMb: of((minute) => minute.rssMb),
    loopDelayP99Ms: of((minute) => minute.loopDelayP99Ms),
    lagP50Ms: of((minute) => minute.lag.p50Ms),
    lagP99Ms: of((minute) => minute.lag.p99Ms),
  };
}
const percent = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const refusedCount = (tally: CommandTally) => Object.values(tally.refused).reduce((sum, n) => sum + n, 0);
const answers = (tally: CommandTally): Answers => ({
  ok: tally.ok,
  refused: refusedCount(tally),
  timeouts: tally.timeouts,
});

// ---- the run ----

interface Result {
  phones: number;
  minutes: number;
  database: BenchDatabase;
  rates: {
    requestEveryS: number;
    placesPerRequest: number;
    acceptsPerRequest: number;
    reportStepS: number;
    availabilityChangeEveryS: number;
    replayEveryS: number;
  };
  perMinute: Minute[];
  compared: {
    /** The minutes each side's medians are taken over. */
    firstMinutes: number[];
    lastMinutes: number[];
    warmUpLeftOut: boolean;
    heapUsedChange: number;
    rssChange: number;
    lagP99Change: number;
  };
  end: FieldCheck & { duplicates: number; outOfOrder: number; disconnected: number };
  at: string;
}

async function run(options: Options, cleanup: Cleanup): Promise<boolean> {
  const failures: string[] = [];
  const check = (ok: boolean, failure: string) => {
    if (!ok) failures.push(failure);
  };

  console.log(
    `Posko soak benchmark: ${options.phones} phones connected for ${options.minutes} minutes of steady work.`,
  );
  const setupStart = monotonicMs();

  // Database (closing it also stops the PostgreSQL cluster).
  const handle = await openBenchDatabase(options.database, 'posko_soak');
  console.log(
    options.database === 'postgres'
      ? 'Database: PostgreSQL on a throwaway local cluster (fsync off), in its own processes.'
      : 'Database: PGlite in memory, inside the server process (its memory is in the figures below).',
  );
  let databaseOwned = false;
  cleanup.add('database', () => (databaseOwned ? Promise.resolve() : handle.close()));
  await seedTo(handle, 'reference');

  // The real server (HTTP + Socket.IO, no pages); its per-command log lines would drown the table.
  const env = parseEnv({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    POSKO_DEMO: '0',
    POSKO_LOG_LEVEL: 'warn',
  });
  databaseOwned = true;
  const server = await startPosko(env, { pages: false, database: handle, log: () => {} });
  cleanup.add('Posko server', () => server.close());
  const { db } = server.database;

  const crew = await seedCrew(server, options);
  console.log(
    `Setup: database, server, ${options.phones} volunteers (${crew.standby.length} of them PSM) with accounts and ` +
      `sessions, a coordinator and an incident in ${seconds(monotonicMs() - setupStart)}.`,
  );

  const clients = startClientProcess();
  cleanup.add('client process', () => clients.stop());
  const connected = await clients.call('phones:connect', {
    url: server.url,
    phones: crew.phones,
    batchSize: CONNECT_BATCH,
  });
  console.log(
    `Phones: ${connected.connected}/${options.phones} connected in ${seconds(connected.ms)} (websocket only, ` +
      `session cookie in the handshake); the server holds ${server.realtime.io.of('/').sockets.size} sockets.`,
  );
  if (connected.connected !== options.phones) {
    throw new Error(
      `only ${connected.connected} of ${options.phones} phones connected: ${connected.failures.join('; ')}`,
    );
  }
  console.log(
    `Clients run in a child process; the server, the database and the clients share ${availableParallelism()} cores. ` +
      'Server log level: warn.',
  );
  const perRequest = Math.round((options.phones - crew.standby.length) / FIELD_REGENCIES.length);
  console.log(
    `Work: a request every ${REQUEST_EVERY_MS / 1000} s for ${PLACES_PER_REQUEST} places, offered to the siaga Tagana ` +
      `of one of ${FIELD_REGENCIES.length} kabupaten in turn (about ${perRequest} phones); the first ` +
      `${ACCEPTS_PER_REQUEST} to get it accept (the last is refused: full); each accepted phone reports berangkat, ` +
      `tiba and selesai ${REPORT_STEP_MS / 1000} s apart; a PSM volunteer switches siaga/tidak siaga every ` +
      `${AVAILABILITY_EVERY_MS / 1000} s; every phone asks events:since once every ${REPLAY_EVERY_MS / 1000} s, staggered.`,
  );
  console.log(
    "Per minute: heap used and RSS of the server process at the minute's end, right after a full collection; " +
      'loop = event-loop delay p99; lag = arrival on a phone − commit, over every event every phone got that minute.',
  );

  // The stream.
  const times = commitTimes(clients);
  cleanup.add('commit times', () => times.stop());
  const publishing = (actor: Actor): ActorContext => ({
    db,
    now: () => new Date(),
    actor,
    publish(events: CommittedEvent[]) {
      times.note(events);
      server.realtime.publish(events);
    },
  });
  const coordinatorCtx = publishing(crew.coordinator);
  const standbyCtx = crew.standby.map((volunteer) => ({ ...volunteer, ctx: publishing(volunteer.actor) }));
  const siaga = new Map(crew.standby.map((volunteer) => [volunteer.volunteerId, true]));
  const verbErrors: Record<string, number> = {};
  const failed = (verb: string) => (error: unknown) => {
    const key = `${verb}: ${error instanceof Error ? error.message : String(error)}`;
    verbErrors[key] = (verbErrors[key] ?? 0) + 1;
  };
  const counts = { requests: 0, offered: 0, availabilityChanges: 0, skipped: 0 };
  const running = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };
  let requestBusy = false;
  let requestTurn = 0;
  const askForVolunteers = () => {
    // A request still being written is not stacked on: the stream stays steady, the skip is counted.
    if (requestBusy) {
      counts.skipped += 1;
      return;
    }
    requestBusy = true;
    const regency = FIELD_REGENCIES[requestTurn++ % FIELD_REGENCIES.length]!;
    track(
      requestDeployment({ ctx: coordinatorCtx, input: requestInput(crew.incidentId, regency) })
        .then((made) => {
          counts.requests += 1;
          counts.offered += made.offered;
        })
        .catch(failed('requestDeployment'))
        .finally(() => (requestBusy = false)),
    );
  };
  let standbyTurn = 0;
  const switchAvailability = () => {
    const volunteer = standbyCtx[standbyTurn++ % standbyCtx.length]!;
    const availability = siaga.get(volunteer.volunteerId) ? 'unavailable' : 'available';
    siaga.set(volunteer.volunteerId, availability === 'available');
    track(
      setVolunteerAvailability({ ctx: volunteer.ctx, input: { volunteerId: volunteer.volunteerId, availability } })
        .then(() => (counts.availabilityChanges += 1))
        .catch(failed('setVolunteerAvailability')),
    );
  };

  const startPosition = await latestEventId(db);
  await clients.call('soak:start', {
    acceptsPerRequest: ACCEPTS_PER_REQUEST,
    reportStepMs: REPORT_STEP_MS,
    replayEveryMs: REPLAY_EVERY_MS,
    startPosition,
    timeoutMs: COMMAND_TIMEOUT_MS,
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const timers = [
    setInterval(askForVolunteers, REQUEST_EVERY_MS),
    setInterval(switchAvailability, AVAILABILITY_EVERY_MS),
  ];
  const stopTimers = () => timers.forEach((timer) => clearInterval(timer));
  cleanup.add('stream', async () => stopTimers());
  const streamStart = monotonicMs();
  askForVolunteers();

  const header =
    'minute  requests  offers  accepts ok/refused  reports  availability  replays  events to phones' +
    '  heap MB  RSS MB  loop p99 ms  lag p50 ms  lag p99 ms  lag max ms';
  console.log('');
  console.log(header);
  const perMinute: Minute[] = [];
  for (let minute = 1; minute <= options.minutes; minute++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, streamStart + minute * MINUTE_MS - monotonicMs())));
    const memory = memoryAfterCollection();
    const phones = await clients.call('soak:minute', {});
    const figures: Minute = {
      minute,
      requests: counts.requests,
      offered: counts.offered,
      availabilityChanges: counts.availabilityChanges,
      accepts: answers(phones.commands['offer:accept']),
      reports: answers(phones.commands['assignment:report']),
      replays: answers(phones.commands['events:since']),
      eventsToPhones: phones.events,
      heapUsedMb: mb(memory.heapUsed),
      rssMb: mb(memory.rss),
      loopDelayP99Ms: round(loopDelay.percentile(99) / 1e6),
      lag: {
        samples: phones.lagMs.length,
        untimed: phones.untimed,
        p50Ms: round(percentile(phones.lagMs, 50)),
        p99Ms: round(percentile(phones.lagMs, 99)),
        maxMs: round(percentile(phones.lagMs, 100)),
      },
    };
    perMinute.push(figures);
    Object.assign(counts, { requests: 0, offered: 0, availabilityChanges: 0 });
    loopDelay.reset();
    const cells = [
      [String(minute), 6],
      [String(figures.requests), 10],
      [String(figures.offered), 8],
      [`${figures.accepts.ok}/${figures.accepts.refused}`, 20],
      [String(figures.reports.ok), 9],
      [String(figures.availabilityChanges), 14],
      [String(figures.replays.ok), 9],
      [String(figures.eventsToPhones), 18],
      [figures.heapUsedMb.toFixed(1), 9],
      [figures.rssMb.toFixed(1), 8],
      [figures.loopDelayP99Ms.toFixed(1), 13],
      [figures.lag.p50Ms.toFixed(1), 12],
      [figures.lag.p99Ms.toFixed(1), 12],
      [figures.lag.maxMs.toFixed(1), 12],
    ] as const;
    console.log(cells.map(([text, width]) => text.padStart(width)).join(''));
  }

  // The end: stop the stream, let the last events arrive, then check every phone.
  stopTimers();
  await Promise.all(running);
  const stopped = await clients.call('soak:stop', { timeoutMs: COMMAND_TIMEOUT_MS });
  await times.stop();
  const settled = await clients.call('soak:settle', { quietMs: 2_000, timeoutMs: 60_000 });
  const end = await clients.call('soak:verify', { batchSize: CONNECT_BATCH, timeoutMs: COMMAND_TIMEOUT_MS });
  const phoneStats = await clients.call('phones:stats', {});
  await clients.call('phones:close', {});

  // Report: the first minutes beside the last ones (a window of up to five each, so one noisy minute at
  // either end does not decide), each figure the median of its window's minutes.
  const warmUpLeftOut = options.minutes >= 3;
  const compared = perMinute.slice(warmUpLeftOut ? 1 : 0);
  const width = Math.max(1, Math.min(MAX_WINDOW_MINUTES, Math.floor(compared.length / 3)));
  const first = windowOf(compared.slice(0, width));
  const last = windowOf(compared.slice(-width));
  const heapChange = change(first.heapUsedMb, last.heapUsedMb);
  const rssChange = change(first.rssMb, last.rssMb);
  const lagChange = change(first.lagP99Ms, last.lagP99Ms);
  const lagLimit = Math.max(first.lagP99Ms * (1 + LAG_GROWTH_GOAL), first.lagP99Ms + LAG_SLACK_MS);
  console.log('');
  console.log(
    warmUpLeftOut
      ? 'Minute 1 is the warm-up (code still being compiled, pools and buffers filling): left out of the comparison.'
      : 'No warm-up minute left out (fewer than 3 minutes).',
  );
  if (width > 1) console.log(`Each side is the median of its ${width} minutes.`);
  const side = (label: string, a: number, b: number, unit: string) =>
    `  ${label.padEnd(22)}${a.toFixed(1).padStart(14)}${b.toFixed(1).padStart(14)}${percent(change(a, b)).padStart(10)}   ${unit}`;
  console.log(`${' '.repeat(24)}${first.label.padStart(14)}${last.label.padStart(14)}    change`);
  console.log(side('heap used', first.heapUsedMb, last.heapUsedMb, 'MB'));
  console.log(side('RSS', first.rssMb, last.rssMb, 'MB'));
  console.log(side('event-loop delay p99', first.loopDelayP99Ms, last.loopDelayP99Ms, 'ms'));
  console.log(side('publish lag p50', first.lagP50Ms, last.lagP50Ms, 'ms'));
  console.log(side('publish lag p99', first.lagP99Ms, last.lagP99Ms, 'ms'));
  const goal = (ok: boolean, text: string) => console.log(`  ${ok ? 'met   ' : 'MISSED'} ${text}`);
  const heapFlat = heapChange <= MEMORY_GROWTH_GOAL;
  const rssFlat = rssChange <= MEMORY_GROWTH_GOAL;
  const lagFlat = last.lagP99Ms <= lagLimit;
  console.log('Goals:');
  goal(heapFlat, `heap used grows at most ${MEMORY_GROWTH_GOAL * 100}%: ${percent(heapChange)}`);
  goal(rssFlat, `RSS grows at most ${MEMORY_GROWTH_GOAL * 100}%: ${percent(rssChange)}`);
  goal(
    lagFlat,
    `publish lag p99 flat (at most ${LAG_GROWTH_GOAL * 100}% or ${LAG_SLACK_MS} ms above ${first.label}, ` +
      `${lagLimit.toFixed(1)} ms): ${last.lagP99Ms.toFixed(1)} ms (${percent(lagChange)})`,
  );
  goal(end.missed === 0, `0 missed events at the end: ${end.missed}`);

  console.log('');
  console.log(
    `End check: after the stream stopped (last answers in, then ${seconds(settled.waitedMs)} until no event arrived ` +
      `for 2 s${settled.quiet ? '' : ' — never quiet'}), each of ${end.phones} phones compared the ids it received ` +
      `live after position ${startPosition} with its replays (events:since, the server's eventsSince for its ` +
      `volunteer actor, asked once a minute and once more now): ${end.expected} events in the phones' scopes.`,
  );
  console.log(
    `  missed ${end.missed} (on ${end.phonesMissing} phones); duplicated ${phoneStats.duplicates}; ` +
      `out of order ${phoneStats.outOfOrder} (on ${phoneStats.phonesOutOfOrder} phones); received outside the replay ` +
      `${end.unexpected}; replays reset ${end.resets}; final replays failed ${end.replayFailures}; dropped connections ` +
      `${phoneStats.disconnected}.`,
  );
  for (const [kind, n] of Object.entries(end.missedKinds)) console.log(`  missed: ${n}× ${kind}`);
  for (const [kind, n] of Object.entries(phoneStats.outOfOrderKinds))
    console.log(`  out of commit order: ${n}× ${kind}`);
  if (phoneStats.outOfOrder > 0) {
    console.log('  (two commits may publish out of order; each event names the one before it, so a page reorders.)');
  }
  const totals = stopped.commands;
  const line = (name: FieldCommand, tally: CommandTally) =>
    `  ${name}: ${tally.ok} ok, ${refusedCount(tally)} refused` +
    (refusedCount(tally) > 0
      ? ` (${Object.entries(tally.refused)
          .map(([code, n]) => `${n}× ${code}`)
          .join(', ')})`
      : '') +
    `, ${tally.timeouts} without an answer`;
  console.log('Phone commands over the run:');
  for (const name of ['offer:accept', 'assignment:report', 'events:since'] as const)
    console.log(line(name, totals[name]));
  if (totals['offer:accept'].refusalMessages.CONFLICT) {
    console.log(`  a refused accept reads: "${totals['offer:accept'].refusalMessages.CONFLICT}"`);
  }
  const untimed = perMinute.reduce((sum, m) => sum + m.lag.untimed, 0);
  if (untimed > 0) console.log(`  ${untimed} arrivals had no commit time (not in the lag).`);
  if (counts.skipped > 0) console.log(`  ${counts.skipped} requests skipped: the one before was still being written.`);

  check(heapFlat, `heap used grew ${percent(heapChange)} from ${first.label} to ${last.label}`);
  check(rssFlat, `RSS grew ${percent(rssChange)} from ${first.label} to ${last.label}`);
  check(lagFlat, `publish lag p99 went from ${first.lagP99Ms} to ${last.lagP99Ms} ms`);
  check(end.missed === 0, `${end.missed} events missed on ${end.phonesMissing} phones`);
  check(phoneStats.duplicates === 0, `${phoneStats.duplicates} events arrived twice`);
  check(
    end.unexpected === 0,
    `${end.unexpected} events received outside the phones' replay, e.g. ${JSON.stringify(end.unexpectedSample)}`,
  );
  check(end.resets === 0, `${end.resets} replays answered with a reset (more than the log replays at once)`);
  check(end.replayFailures === 0, `${end.replayFailures} final replays failed`);
  check(phoneStats.disconnected === 0, `${phoneStats.disconnected} phones lost their connection`);
  check(stopped.unanswered === 0, `${stopped.unanswered} phone commands still unanswered at the end`);
  check(settled.quiet, 'events still arriving a minute after the stream stopped');
  for (const name of ['offer:accept', 'assignment:report', 'events:since'] as const) {
    const tally = totals[name];
    check(tally.timeouts === 0, `${tally.timeouts}× ${name} without an answer within ${seconds(COMMAND_TIMEOUT_MS)}`);
    // Only an accept may be refused, and only as full (or, rarely, by a phone already on another assignment).
    const unexpected = Object.entries(tally.refused).filter(([code]) => name !== 'offer:accept' || code !== 'CONFLICT');
    check(
      unexpected.length === 0,
      `${name} refused: ${unexpected.map(([code, n]) => `${n}× ${code} (${tally.refusalMessages[code]})`).join('; ')}`,
    );
  }
  for (const [error, n] of Object.entries(verbErrors)) check(false, `${n}× ${error}`);
  for (const minute of perMinute) check(minute.lag.samples > 0, `no event reached a phone in minute ${minute.minute}`);

  const result: Result = {
    phones: options.phones,
    minutes: options.minutes,
    database: options.database,
    rates: {
      requestEveryS: REQUEST_EVERY_MS / 1000,
      placesPerRequest: PLACES_PER_REQUEST,
      acceptsPerRequest: ACCEPTS_PER_REQUEST,
      reportStepS: REPORT_STEP_MS / 1000,
      availabilityChangeEveryS: AVAILABILITY_EVERY_MS / 1000,
      replayEveryS: REPLAY_EVERY_MS / 1000,
    },
    perMinute,
    compared: {
      firstMinutes: first.minutes,
      lastMinutes: last.minutes,
      warmUpLeftOut,
      heapUsedChange: round(heapChange, 3),
      rssChange: round(rssChange, 3),
      lagP99Change: round(lagChange, 3),
    },
    end: {
      ...end,
      duplicates: phoneStats.duplicates,
      outOfOrder: phoneStats.outOfOrder,
      disconnected: phoneStats.disconnected,
    },
    at: new Date().toISOString(),
  };

  console.log('');
  if (failures.length > 0) {
    for (const failure of failures) console.log(`FAILED: ${failure}`);
    console.log(`Not written: ${shown(options.out)} keeps its last good figures.`);
    return false;
  }
  console.log(`All checks passed. Wrote ${writeResults(options.out, result)}.`);
  return true;
}

const options = parseOptions();
void runBench('bench:soak', (cleanup) => run(options, cleanup));
