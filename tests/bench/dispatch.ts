/**
 * `npm run bench:dispatch`: a benchmark of the dispatch loop, not a test.
 *
 * 1. Offer fan-out: N phones (Socket.IO clients, websocket only) are connected to the real Posko server
 *    (HTTP + Socket.IO, no pages); a coordinator's request matches all of them, made through the
 *    `requestDeployment` verb with the running server's `publish`, as a route handler makes it. Each phone
 *    notes when its own `assignment.offered` event arrived. The same number of bare `ws` clients then get
 *    one broadcast of the same payload from a bare `ws` server: the floor for this machine.
 * 2. Accept race: a request for `slots` places offered to `racers` phones, which all send `offer:accept`
 *    at once; exactly `slots` must be accepted, in the acks and in the database. Beside it, uncontended
 *    accepts: one-place requests the race's losers take one at a time (the race's p99 over their p50).
 *
 * With `--processes N` (N > 1) the same runs on N Posko processes on one PostgreSQL behind nginx, as
 * `npm run cluster` starts them: the phones connect through nginx, spread over the processes, and the
 * requests are made through `POST /api/requests` on one of them (see runOnCluster).
 *
 * The clients run in a child process (tests/bench/clients.ts), so the server's event loop does not also
 * decode 1,000 clients' frames; both processes read one monotonic clock, so latencies are arrival − t0.
 * Prints a table, writes tests/bench/results/dispatch.json, and exits non-zero when a check fails.
 */
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { and, count, eq } from 'drizzle-orm';
import { WebSocketServer } from 'ws';
import { openDatabase, type Database } from '../../db/client';
import { assignments, deploymentRequests } from '../../db/schema';
import { startPosko } from '../../server/app';
import type { Actor, ActorContext } from '../../server/auth/actor';
import { createSession, newToken, SESSION_COOKIE } from '../../server/auth/sessions';
import { NODE_COOKIE } from '../../server/cluster/node-cookie';
import { startCluster, type ClusterProcess } from '../../server/cluster/run';
import type { DomainContext } from '../../server/context';
import { requestDeployment } from '../../server/deployments/request-deployment';
import { parseEnv } from '../../server/env';
import type { CommittedEvent } from '../../server/events/append';
import { seedTo } from '../support/database';
import buildForProduction from '../support/global-build';
import { monotonicMs, type PhoneSpec, type PhoneStats, type RaceResult } from './protocol';
import { seedIncident, seedPasswordHash, seedPhones, startClientProcess, type ClientProcess } from './phones';
import {
  benchOptions,
  openBenchDatabase,
  percentile,
  round,
  runBench,
  shown,
  timings,
  writeResults,
  type BenchDatabase,
  type Cleanup,
} from './support';

// ---- options ----

const USAGE = `Usage: npm run bench:dispatch -- [--phones 1000] [--racers 500] [--slots 50] [--processes 1]
                              [--database postgres|pglite] [--batch 100] [--out tests/bench/results/dispatch.json]`;

/** Processes on one PostgreSQL: each holds a pool of 20 connections, and the cluster allows 300. */
const MAX_PROCESSES = 8;

interface Options {
  phones: number;
  racers: number;
  slots: number;
  /** Posko processes behind nginx; 1 runs the server inside the benchmark, without nginx. */
  processes: number;
  database: BenchDatabase;
  batch: number;
  out: string;
}

function parseOptions(): Options {
  const option = benchOptions(USAGE, {
    phones: '1000',
    racers: '500',
    slots: '50',
    processes: '1',
    database: 'postgres',
    batch: '100',
    out: 'tests/bench/results/dispatch.json',
  });
  const phones = option.whole('phones', 1, 20_000);
  const racers = option.whole('racers', 1, phones);
  // A request asks for at most 1,000 volunteers (lib/dispatch.ts).
  const slots = option.whole('slots', 1, Math.min(racers, 1_000));
  const processes = option.whole('processes', 1, MAX_PROCESSES);
  const database = option.oneOf('database', ['postgres', 'pglite']);
  if (processes > 1 && database === 'pglite') {
    option.fail(`--processes ${processes} needs --database postgres: PGlite serves one process only.`);
  }
  return {
    phones,
    racers,
    slots,
    processes,
    database,
    batch: option.whole('batch', 1, 1_000),
    out: option.file('out'),
  };
}

// ---- numbers ----

interface Percentiles {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentiles, in ms rounded to 0.1. */
function percentiles(samples: number[]): Percentiles {
  return { ...timings(samples), p99Ms: round(percentile(samples, 99)) };
}

const fmt = (ms: number) => ms.toFixed(1).padStart(8);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---- setup (not timed) ----

const PROVINCE = '62'; // Kalimantan Tengah
const INCIDENT_REGENCY = '62.06'; // Katingan
const SOURCE_REGENCIES = ['62.03', '62.11']; // Kapuas, Pulang Pisau
const RACE_SKILL = 'bench-race';
const WARMUP_SKILL = 'bench-warmup';
const WARMUP_PHONES = 20;

interface Crew {
  phones: PhoneSpec[];
  coordinator: Actor;
  incidentId: string;
}

/**
 * N Tagana volunteers on standby in two kabupaten, each with an account and a live session; a provincial
 * coordinator; an incident. Written in batches straight to the tables (one argon2 hash for every account:
 * hashing 5,000 passwords would take minutes and nobody signs in with them).
 */
async function seedCrew(ctx: Pick<DomainContext, 'db' | 'publish'>, options: Options): Promise<Crew> {
  const passwordHash = await seedPasswordHash();
  const roster = Array.from({ length: options.phones }, (_, i) => ({
    regencyCode: SOURCE_REGENCIES[i % SOURCE_REGENCIES.length]!,
    pillarCode: 'tagana',
    skills: [
      ...(i < options.racers ? [RACE_SKILL] : []),
      ...(i >= options.phones - WARMUP_PHONES ? [WARMUP_SKILL] : []),
    ],
  }));
  const phones = await seedPhones(ctx.db, roster, passwordHash);
  const { coordinator, incidentId } = await seedIncident(
    ctx,
    { provinceCode: PROVINCE, regencyCode: INCIDENT_REGENCY, description: 'Uji beban dispatch' },
    passwordHash,
  );
  return { phones, coordinator, incidentId };
}

function requestInput(incidentId: string, slots: number, skill?: string) {
  return {
    incidentId,
    slots,
    pillarCodes: ['tagana'],
    ...(skill && { skill }),
    sourceRegencyCodes: SOURCE_REGENCIES,
    meetingPoint: 'Halaman kantor Dinas Sosial Kabupaten Katingan',
    deadline: new Date(Date.now() + 6 * 3_600_000).toISOString(),
  };
}

// ---- the run ----

interface Result {
  /** Posko processes the phones were spread over. */
  processes: number;
  clients: number;
  offer: { p50Ms: number; p95Ms: number; p99Ms: number };
  baseline: { p50Ms: number; p95Ms: number; p99Ms: number };
  ratioP99: number;
  race: { slots: number; attempts: number; accepted: number; p50Ms: number; p99Ms: number };
  /** One phone accepting a one-place request nobody else answers, `rounds` times. */
  uncontended: { rounds: number; p50Ms: number; p99Ms: number };
  /** The race's p99 over an uncontended accept's p50 (goal ≤ 10). */
  raceRatio: number;
  /** The server's heap per connected phone, beside a bare ws server's per bare client (one process only). */
  heapPerPhoneBytes?: { posko: number; bareWs: number; ratio: number };
  /** Several processes only, by process: the phones it held, their offer latency, the places they won. */
  byProcess?: Record<string, { phones: number; offer: Percentiles; accepted: number }>;
}

/**
 * The server's heap in use after a full collection (the bench runs with --expose-gc; without it the figure
 * includes garbage, and the report says so).
 */
function settledHeapBytes(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  return process.memoryUsage().heapUsed;
}
const heapSettled = () => typeof (globalThis as { gc?: unknown }).gc === 'function';

/** Uncontended accepts measured after the race, each a one-place request offered to the race's losers. */
const UNCONTENDED_ROUNDS = 20;

async function run(options: Options, cleanup: Cleanup): Promise<boolean> {
  const failures: string[] = [];
  const check = (ok: boolean, failure: string) => {
    if (!ok) failures.push(failure);
  };
  const timeoutMs = Math.max(30_000, options.phones * 20);

  console.log(
    `Posko dispatch benchmark: ${options.phones} phones; ${options.racers} of them race for ${options.slots} places.`,
  );
  const setupStart = monotonicMs();

  // Database (closing it also stops the PostgreSQL cluster).
  const handle = await openBenchDatabase(options.database, 'posko_bench');
  console.log(
    options.database === 'postgres'
      ? 'Database: PostgreSQL on a throwaway local cluster (fsync off); only PostgreSQL has real row-lock races.'
      : 'Database: PGlite in memory. PGlite runs transactions one after another: the race has no real row-lock contention.',
  );
  // Closed by the server once it has started it (and by startPosko itself when starting fails).
  let databaseOwned = false;
  cleanup.add('database', () => (databaseOwned ? Promise.resolve() : handle.close()));
  await seedTo(handle, 'reference');

  // The real server (HTTP + Socket.IO, no pages), on the database above.
  const env = parseEnv({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', POSKO_DEMO: '0' });
  databaseOwned = true;
  const server = await startPosko(env, { pages: false, database: handle, log: () => {} });
  cleanup.add('Posko server', () => server.close());
  const { db } = server.database;

  const crew = await seedCrew({ db, publish: server.realtime.publish }, options);
  const seeded = monotonicMs();
  console.log(
    `Setup: database, server, ${options.phones} volunteers with accounts and sessions, a coordinator and an incident in ${seconds(seeded - setupStart)}.`,
  );

  const clients = startClientProcess();
  cleanup.add('client process', () => clients.stop());
  // Memory first, before anything else holds any: bare clients on a bare ws server, then the phones.
  const bareHeapPerClient = await bareHeapPerClientBytes(clients, options);
  const heapBeforePhones = settledHeapBytes();
  const connected = await clients.call('phones:connect', {
    url: server.url,
    phones: crew.phones,
    batchSize: options.batch,
  });
  const poskoHeapPerPhone = Math.round((settledHeapBytes() - heapBeforePhones) / options.phones);
  const serverSockets = server.realtime.io.of('/').sockets.size;
  console.log(
    `Phones: ${connected.connected}/${options.phones} connected in ${seconds(connected.ms)} (websocket only, ` +
      `${options.batch} at a time, session cookie in the handshake); the server holds ${serverSockets} sockets.`,
  );
  console.log(
    `Clients run in a child process (the server, the database and the clients share ${availableParallelism()} cores); ` +
      'latency = arrival on the client − t0 on the server, on the shared monotonic clock.',
  );
  if (connected.connected !== options.phones) {
    throw new Error(
      `only ${connected.connected} of ${options.phones} phones connected: ${connected.failures.join('; ')}`,
    );
  }

  // Through the verb, as a route handler calls it; publish is the running server's, timed around.
  const marks = { publishStart: 0, publishEnd: 0 };
  const ctx: ActorContext = {
    db,
    now: () => new Date(),
    actor: crew.coordinator,
    publish(events: CommittedEvent[]) {
      marks.publishStart = monotonicMs();
      server.realtime.publish(events);
      marks.publishEnd = monotonicMs();
    },
  };

  // Warm-up (not measured): one small request, so the first measured one does not pay for cold code.
  const warmup = await requestDeployment({ ctx, input: requestInput(crew.incidentId, 1, WARMUP_SKILL) });
  await clients.call('phones:await-offers', {
    requestId: warmup.request.id,
    expected: Math.min(WARMUP_PHONES, options.phones),
    timeoutMs,
  });

  // 1. Offer fan-out.
  const t0 = monotonicMs();
  const fanOut = await requestDeployment({ ctx, input: requestInput(crew.incidentId, Math.min(10, options.phones)) });
  const returned = monotonicMs();
  const published = { ...marks };
  const offers = await clients.call('phones:await-offers', {
    requestId: fanOut.request.id,
    expected: options.phones,
    timeoutMs,
  });
  const offerLatencies = offers.arrivals.map((at) => at - t0);
  const offer = percentiles(offerLatencies);
  check(fanOut.offered === options.phones, `the request matched ${fanOut.offered} volunteers, not ${options.phones}`);
  check(
    offers.arrivals.length === options.phones,
    `only ${offers.arrivals.length} of ${options.phones} phones got the offer within ${seconds(timeoutMs)}`,
  );

  // 2. Accept race.
  const contested = await requestDeployment({
    ctx,
    input: requestInput(crew.incidentId, options.slots, RACE_SKILL),
  });
  const racing = await clients.call('phones:await-offers', {
    requestId: contested.request.id,
    expected: options.racers,
    timeoutMs,
  });
  check(
    racing.arrivals.length === options.racers,
    `only ${racing.arrivals.length} of ${options.racers} racers got the contested offer`,
  );
  const race = await clients.call('phones:race', { requestId: contested.request.id, timeoutMs });
  const settled = await settleRace(db, contested.request.id, race, options, check, timeoutMs);

  // 3. Uncontended accepts: a one-place request for the race's losers, which one of them takes alone.
  const alone = await acceptAlone(
    async () => {
      const created = await requestDeployment({ ctx, input: requestInput(crew.incidentId, 1, RACE_SKILL) });
      return { id: created.request.id, offered: created.offered };
    },
    clients,
    options,
    check,
    timeoutMs,
  );

  const phoneStats = await clients.call('phones:stats', {});
  await clients.call('phones:close', {});
  // The phones' memory is freed before the bare clients' is counted.
  for (const until = monotonicMs() + 10_000; server.realtime.io.of('/').sockets.size > 0 && monotonicMs() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // 4. Baseline: a bare ws server broadcasting one offer-sized payload to as many bare clients.
  const bare = await measureBaseline(clients, offers.sample, options, cleanup, check, timeoutMs);
  const { latency: baseline } = bare;

  // Report.
  const ratioP99 = round(offer.p99Ms / baseline.p99Ms, 2);
  const row = (label: string, p: Percentiles, received: number) =>
    `  ${label.padEnd(44)}${fmt(p.p50Ms)}${fmt(p.p95Ms)}${fmt(p.p99Ms)}${fmt(p.maxMs)}   ${received}/${options.phones}`;
  console.log('');
  console.log(`Offer reaches every phone (ms after t0)${' '.repeat(7)}     p50     p95     p99     max   received`);
  console.log(row('Posko: requestDeployment → events:appended', offer, offers.arrivals.length));
  console.log(row(`bare ws: one broadcast of ${bare.payloadBytes} bytes`, baseline, bare.received));
  console.log(`  ratio p99 Posko / bare ws: ${ratioP99.toFixed(2)}`);
  console.log(
    `  Posko, inside: transaction committed and publish() called at ${fmt(published.publishStart - t0).trim()} ms, ` +
      `publish() returned after ${fmt(published.publishEnd - published.publishStart).trim()} ms, ` +
      `verb returned at ${fmt(returned - t0).trim()} ms; first phone at ${fmt(Math.min(...offerLatencies)).trim()} ms.`,
  );
  console.log(`  bare ws: the send loop took ${fmt(bare.sendLoopMs).trim()} ms.`);
  const heapRatio = round(poskoHeapPerPhone / bareHeapPerClient, 2);
  console.log(
    `  heap per connected phone${heapSettled() ? '' : ' (no --expose-gc: garbage included)'}: Posko ` +
      `${poskoHeapPerPhone} bytes, bare ws ${bareHeapPerClient} bytes per client; ratio ${heapRatio.toFixed(2)} (goal ≤ 2)`,
  );
  printRace(settled, alone, options);
  printPhoneStats(phoneStats);

  const result: Result = {
    ...resultOf(options, offer, baseline, settled, alone),
    heapPerPhoneBytes: { posko: poskoHeapPerPhone, bareWs: bareHeapPerClient, ratio: heapRatio },
  };

  return finish(failures, options, result);
}

// ---- parts both runs share ----

type Check = (ok: boolean, failure: string) => void;

interface SettledRace {
  race: RaceResult;
  latency: Percentiles;
  refused: number;
  stored: { acceptedCount: number; status: string } | undefined;
  acceptedRows: number | undefined;
}

/** Reads the contested request back from the database and checks the race: exactly `slots` accepted. */
async function settleRace(
  db: Database,
  requestId: string,
  race: RaceResult,
  options: Options,
  check: Check,
  timeoutMs: number,
): Promise<SettledRace> {
  const [stored] = await db
    .select({ acceptedCount: deploymentRequests.acceptedCount, status: deploymentRequests.status })
    .from(deploymentRequests)
    .where(eq(deploymentRequests.id, requestId));
  const [acceptedRows] = await db
    .select({ n: count() })
    .from(assignments)
    .where(and(eq(assignments.requestId, requestId), eq(assignments.status, 'accepted')));
  const refused = Object.values(race.refusals).reduce((sum, n) => sum + n, 0);
  const unexpected = Object.entries(race.refusals).filter(([code]) => code !== 'CONFLICT');
  check(race.attempts === options.racers, `${race.attempts} phones raced, not ${options.racers}`);
  check(race.accepted === options.slots, `${race.accepted} accepts succeeded for ${options.slots} places`);
  check(stored?.acceptedCount === options.slots, `the request's accepted_count is ${stored?.acceptedCount}`);
  check(acceptedRows?.n === options.slots, `${acceptedRows?.n} assignments are accepted in the database`);
  check(race.timeouts === 0, `${race.timeouts} accepts got no answer within ${seconds(timeoutMs)}`);
  check(
    unexpected.length === 0,
    `refusals other than "full": ${unexpected.map(([code, n]) => `${n}× ${code} (${race.refusalMessages[code]})`).join('; ')}`,
  );
  return { race, latency: percentiles(race.latenciesMs), refused, stored, acceptedRows: acceptedRows?.n };
}

interface Uncontended {
  rounds: number;
  latency: Percentiles;
}

/** One-place requests for the race's losers, `UNCONTENDED_ROUNDS` times; one of them takes each alone. */
async function acceptAlone(
  request: () => Promise<{ id: string; offered: number }>,
  clients: ClientProcess,
  options: Options,
  check: Check,
  timeoutMs: number,
): Promise<Uncontended> {
  const single: number[] = [];
  const rounds = Math.min(UNCONTENDED_ROUNDS, options.racers - options.slots);
  for (let n = 0; n < rounds; n++) {
    const alone = await request();
    await clients.call('phones:await-offers', { requestId: alone.id, expected: alone.offered, timeoutMs });
    const answer = await clients.call('phones:race', { requestId: alone.id, timeoutMs, limit: 1 });
    check(answer.accepted === 1, `an uncontended accept was refused: ${JSON.stringify(answer.refusalMessages)}`);
    single.push(...answer.latenciesMs);
  }
  return { rounds: single.length, latency: percentiles(single) };
}

interface Baseline {
  latency: Percentiles;
  received: number;
  payloadBytes: number;
  sendLoopMs: number;
}

/** This process's heap per client of a bare ws server with as many clients as there are phones. */
async function bareHeapPerClientBytes(clients: ClientProcess, options: Options): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  try {
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    const before = settledHeapBytes();
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const bare = await clients.call('baseline:connect', { url, count: options.phones, batchSize: options.batch });
    if (bare.connected !== options.phones) throw new Error(`only ${bare.connected} bare ws clients connected`);
    const perClient = Math.round((settledHeapBytes() - before) / options.phones);
    await clients.call('baseline:close', {});
    return perClient;
  } finally {
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  }
}

/** A bare ws server broadcasting one offer-sized payload to as many bare clients as there are phones. */
async function measureBaseline(
  clients: ClientProcess,
  sample: unknown,
  options: Options,
  cleanup: Cleanup,
  check: Check,
  timeoutMs: number,
): Promise<Baseline> {
  const payload = JSON.stringify(['events:appended', sample]);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  cleanup.add('ws server', () => new Promise((resolve) => wss.close(resolve)));
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const bare = await clients.call('baseline:connect', { url: wsUrl, count: options.phones, batchSize: options.batch });
  if (bare.connected !== options.phones || wss.clients.size !== options.phones) {
    throw new Error(
      `only ${bare.connected} of ${options.phones} bare ws clients connected: ${bare.failures.join('; ')}`,
    );
  }
  const broadcast = () => {
    for (const client of wss.clients) client.send(payload);
  };
  broadcast(); // warm-up, like the Posko side
  await clients.call('baseline:await', { round: 0, expected: options.phones, timeoutMs });
  const b0 = monotonicMs();
  broadcast();
  const broadcastDone = monotonicMs();
  const baselineArrivals = await clients.call('baseline:await', { round: 1, expected: options.phones, timeoutMs });
  check(
    baselineArrivals.arrivals.length === options.phones,
    `only ${baselineArrivals.arrivals.length} of ${options.phones} bare ws clients got the broadcast`,
  );
  await clients.call('baseline:close', {});
  return {
    latency: percentiles(baselineArrivals.arrivals.map((at) => at - b0)),
    received: baselineArrivals.arrivals.length,
    payloadBytes: Buffer.byteLength(payload),
    sendLoopMs: broadcastDone - b0,
  };
}

/** The race's lines of the report; `more` lines follow the database's. */
function printRace(
  { race, latency, refused, stored, acceptedRows }: SettledRace,
  alone: Uncontended,
  options: Options,
  more: string[] = [],
) {
  const raceRatio = round(latency.p99Ms / alone.latency.p50Ms, 2);
  console.log('');
  console.log(`Accept race: ${race.attempts} phones send offer:accept at once for ${options.slots} places`);
  console.log(
    `  accepted ${race.accepted} (must be ${options.slots}); refused ${refused}` +
      (refused > 0
        ? ` (${Object.entries(race.refusals)
            .map(([code, n]) => `${n}× ${code}`)
            .join(', ')})`
        : '') +
      `; no answer ${race.timeouts}`,
  );
  if (race.refusalMessages.CONFLICT) console.log(`  a refused phone reads: "${race.refusalMessages.CONFLICT}"`);
  console.log(
    `  database: accepted_count ${stored?.acceptedCount}, status ${stored?.status}, accepted assignments ${acceptedRows}`,
  );
  for (const line of more) console.log(line);
  console.log(
    `  ack latency (ms from each phone's emit): p50 ${latency.p50Ms}, p95 ${latency.p95Ms}, p99 ${latency.p99Ms}, max ${latency.maxMs}`,
  );
  const won = percentiles(race.acceptedLatenciesMs);
  const refusedMs = percentiles(race.refusedLatenciesMs);
  console.log(
    `  of which the ${race.accepted} accepted: p50 ${won.p50Ms}, p99 ${won.p99Ms}; the refused: p50 ${refusedMs.p50Ms}, p99 ${refusedMs.p99Ms}`,
  );
  console.log(
    `  beside it, an uncontended accept (${alone.rounds} one-place requests, one phone each): ` +
      `p50 ${alone.latency.p50Ms}, p99 ${alone.latency.p99Ms}; race p99 / uncontended p50: ${raceRatio.toFixed(2)} (goal ≤ 10)`,
  );
}

function printPhoneStats(phoneStats: PhoneStats) {
  console.log('');
  console.log(
    `Phones over the whole run: ${phoneStats.events} events; ${phoneStats.outOfOrder} arrived after a later event ` +
      `(on ${phoneStats.phonesOutOfOrder} phones); ${phoneStats.duplicates} duplicates; ${phoneStats.disconnected} dropped connections.`,
  );
  for (const [kind, n] of Object.entries(phoneStats.outOfOrderKinds)) {
    console.log(`  out of commit order: ${n}× ${kind}`);
  }
}

/** The figures dispatch.json keeps. */
function resultOf(
  options: Options,
  offer: Percentiles,
  baseline: Percentiles,
  { race, latency }: SettledRace,
  alone: Uncontended,
): Result {
  return {
    processes: options.processes,
    clients: options.phones,
    offer: { p50Ms: offer.p50Ms, p95Ms: offer.p95Ms, p99Ms: offer.p99Ms },
    baseline: { p50Ms: baseline.p50Ms, p95Ms: baseline.p95Ms, p99Ms: baseline.p99Ms },
    ratioP99: round(offer.p99Ms / baseline.p99Ms, 2),
    race: {
      slots: options.slots,
      attempts: race.attempts,
      accepted: race.accepted,
      p50Ms: latency.p50Ms,
      p99Ms: latency.p99Ms,
    },
    uncontended: { rounds: alone.rounds, p50Ms: alone.latency.p50Ms, p99Ms: alone.latency.p99Ms },
    raceRatio: round(latency.p99Ms / alone.latency.p50Ms, 2),
  };
}

/** The run's last lines: its failed checks, or the figures written to `--out`; whether every check passed. */
function finish(failures: string[], options: Options, result: Result): boolean {
  console.log('');
  if (failures.length > 0) {
    for (const failure of failures) console.log(`FAILED: ${failure}`);
    console.log(`Not written: ${shown(options.out)} keeps its last good figures.`);
    return false;
  }
  console.log(`All checks passed. Wrote ${writeResults(options.out, result)}.`);
  return true;
}

// ---- several processes (--processes N) ----

/** The goal for the offer's p99 over the bare ws broadcast's p99, at 3 processes. */
const CLUSTER_RATIO_GOAL = 3;

/** The sockets a process holds by its own count (its /api/metrics, asked directly, not through nginx). */
async function connectedSockets(member: ClusterProcess, metricsToken: string): Promise<number> {
  const response = await fetch(`${member.url}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  const line = (await response.text()).split('\n').find((l) => l.startsWith('posko_connected_sockets '));
  return line ? Number(line.split(' ')[1]) : NaN;
}

/** A request as the coordinator's page makes it: `POST /api/requests` through nginx, to the process `nodeId`. */
async function requestThrough(
  url: string,
  nodeId: string,
  cookie: string,
  input: ReturnType<typeof requestInput>,
): Promise<{ id: string; offered: number }> {
  const response = await fetch(`${url}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${cookie}; ${NODE_COOKIE}=${nodeId}` },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`POST /api/requests on process ${nodeId} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  const body = JSON.parse(text) as { request: { id: string }; offered: number };
  return { id: body.request.id, offered: body.offered };
}

/**
 * The run on `--processes` Posko processes on one throwaway PostgreSQL behind nginx, as `npm run cluster`
 * starts them. Phone i names process i mod N in its `posko_node` cookie, by which nginx routes it, so the
 * phones spread evenly and each one's process is known; every process's own socket count is checked against
 * that. The requests go through `POST /api/requests` on the first process; the others read the committed
 * offers from the events table after its NOTIFY (server/realtime/relay.ts), as the first one does too.
 */
async function runOnCluster(options: Options, cleanup: Cleanup): Promise<boolean> {
  const failures: string[] = [];
  const check: Check = (ok, failure) => {
    if (!ok) failures.push(failure);
  };
  const timeoutMs = Math.max(30_000, options.phones * 20);

  console.log(
    `Posko dispatch benchmark on ${options.processes} processes behind nginx: ${options.phones} phones; ` +
      `${options.racers} of them race for ${options.slots} places.`,
  );
  // The processes serve the route handlers: they need the production build (a no-op when it is up to date).
  buildForProduction();
  const setupStart = monotonicMs();

  const metricsToken = newToken();
  // Registered before the start, so an interrupt while the processes start stops them too.
  let stopCluster = () => Promise.resolve();
  cleanup.add('Posko processes, nginx and PostgreSQL', () => stopCluster());
  const cluster = await startCluster({
    processes: options.processes,
    port: 0,
    demo: false,
    env: { POSKO_METRICS_TOKEN: metricsToken },
    onStarting: (stop) => (stopCluster = stop),
  });
  const ids = cluster.processes.map((member) => member.id);
  const nodeOf = (index: number) => ids[index % ids.length]!;
  const origin = ids[0]!;
  console.log(
    `Database: PostgreSQL on a throwaway local cluster (fsync off), shared by ${ids.length} Posko processes ` +
      `(${cluster.processes.map((member) => `${member.id} on port ${member.port}`).join(', ')}) behind nginx at ${cluster.url}.`,
  );

  const handle = await openDatabase({ databaseUrl: cluster.databaseUrl });
  cleanup.add('database', () => handle.close());
  const { db } = handle;
  // Nothing to publish to from here: the processes read the incident's event from the events table.
  const crew = await seedCrew({ db, publish: () => {} }, options);
  const session = await createSession(db, crew.coordinator.userId, {
    now: new Date(),
    policy: { idleMs: 86_400_000, maxMs: 86_400_000 },
  });
  const coordinatorCookie = `${SESSION_COOKIE}=${session.token}`;
  const request = (slots: number, skill?: string) =>
    requestThrough(cluster.url, origin, coordinatorCookie, requestInput(crew.incidentId, slots, skill));
  console.log(
    `Setup: PostgreSQL, ${ids.length} processes and nginx, ${options.phones} volunteers with accounts and sessions, ` +
      `a coordinator and an incident in ${seconds(monotonicMs() - setupStart)}.`,
  );

  const clients = startClientProcess();
  cleanup.add('client process', () => clients.stop());
  const connected = await clients.call('phones:connect', {
    url: cluster.url,
    phones: crew.phones.map((phone, i) => ({ ...phone, cookie: `${phone.cookie}; ${NODE_COOKIE}=${nodeOf(i)}` })),
    batchSize: options.batch,
  });
  if (connected.connected !== options.phones) {
    throw new Error(
      `only ${connected.connected} of ${options.phones} phones connected: ${connected.failures.join('; ')}`,
    );
  }
  const shares = ids.map((id) => crew.phones.filter((_, i) => nodeOf(i) === id).length);
  // A process counts a socket once its handshake is through; give the last ones a moment.
  let held: number[] = [];
  for (const deadline = monotonicMs() + 5_000; ;) {
    held = await Promise.all(cluster.processes.map((member) => connectedSockets(member, metricsToken)));
    if (held.every((n, i) => n === shares[i]) || monotonicMs() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.log(
    `Phones: ${connected.connected}/${options.phones} connected through nginx in ${seconds(connected.ms)} (websocket only, ` +
      `${options.batch} at a time, session cookie and ${NODE_COOKIE}=<process> in the handshake); ` +
      `sockets each process holds by its own count: ${ids.map((id, i) => `${id} ${held[i]}`).join(', ')}.`,
  );
  console.log(
    `Clients run in a child process (${ids.length} Posko processes, nginx, PostgreSQL and the clients share ` +
      `${availableParallelism()} cores); latency = arrival on the client − t0, taken here before the request is sent, ` +
      'on the shared monotonic clock.',
  );
  check(
    held.every((n, i) => n === shares[i]),
    `the processes hold ${held.join('/')} sockets, not ${shares.join('/')}`,
  );

  // Warm-up (not measured): the route's first call and every process's first relayed offer.
  const warmup = await request(1, WARMUP_SKILL);
  await clients.call('phones:await-offers', {
    requestId: warmup.id,
    expected: Math.min(WARMUP_PHONES, options.phones),
    timeoutMs,
  });

  // 1. Offer fan-out.
  const t0 = monotonicMs();
  const fanOut = await request(Math.min(10, options.phones));
  const answered = monotonicMs();
  const offers = await clients.call('phones:await-offers', {
    requestId: fanOut.id,
    expected: options.phones,
    timeoutMs,
  });
  const offerLatencies = offers.arrivals.map((at) => at - t0);
  const offer = percentiles(offerLatencies);
  const offerOn = ids.map((id) => offerLatencies.filter((_, k) => nodeOf(offers.phones[k]!) === id));
  check(fanOut.offered === options.phones, `the request matched ${fanOut.offered} volunteers, not ${options.phones}`);
  check(
    offers.arrivals.length === options.phones,
    `only ${offers.arrivals.length} of ${options.phones} phones got the offer within ${seconds(timeoutMs)}`,
  );

  // 2. Accept race: the racers are spread over the processes like every phone.
  const contested = await request(options.slots, RACE_SKILL);
  const racing = await clients.call('phones:await-offers', {
    requestId: contested.id,
    expected: options.racers,
    timeoutMs,
  });
  check(
    racing.arrivals.length === options.racers,
    `only ${racing.arrivals.length} of ${options.racers} racers got the contested offer`,
  );
  const race = await clients.call('phones:race', { requestId: contested.id, timeoutMs });
  const settled = await settleRace(db, contested.id, race, options, check, timeoutMs);
  const racersOn = ids.map((id) => racing.phones.filter((index) => nodeOf(index) === id).length);
  const winnersOn = ids.map((id) => race.acceptedPhones.filter((index) => nodeOf(index) === id).length);

  // 3. Uncontended accepts, through the same route.
  const alone = await acceptAlone(() => request(1, RACE_SKILL), clients, options, check, timeoutMs);

  const phoneStats = await clients.call('phones:stats', {});
  await clients.call('phones:close', {});

  // 4. Baseline, as for one process: the floor for this machine.
  const bare = await measureBaseline(clients, offers.sample, options, cleanup, check, timeoutMs);
  const { latency: baseline } = bare;

  // Report.
  const ratioP99 = round(offer.p99Ms / baseline.p99Ms, 2);
  const width = 52;
  const row = (label: string, p: Percentiles, received: number, of: number) =>
    `  ${label.padEnd(width)}${fmt(p.p50Ms)}${fmt(p.p95Ms)}${fmt(p.p99Ms)}${fmt(p.maxMs)}   ${received}/${of}`;
  console.log('');
  console.log(
    `${'Offer reaches every phone (ms after t0)'.padEnd(width + 2)}     p50     p95     p99     max   received`,
  );
  console.log(
    row(
      `Posko ×${ids.length}: POST /api/requests on ${origin} → events:appended`,
      offer,
      offers.arrivals.length,
      options.phones,
    ),
  );
  ids.forEach((id, i) =>
    console.log(
      row(
        `  phones on ${id}${id === origin ? ' (the request made here)' : ''}`,
        percentiles(offerOn[i]!),
        offerOn[i]!.length,
        shares[i]!,
      ),
    ),
  );
  console.log(row(`bare ws: one broadcast of ${bare.payloadBytes} bytes`, baseline, bare.received, options.phones));
  console.log(
    `  ratio p99 Posko / bare ws: ${ratioP99.toFixed(2)} (goal ≤ ${CLUSTER_RATIO_GOAL.toFixed(1)} at 3 processes)`,
  );
  // No phone hears of the offers before they commit: from the first phone to the last is the fan-out alone.
  const first = Math.min(...offerLatencies);
  console.log(
    `  Posko: the route answered 201 at ${fmt(answered - t0).trim()} ms; first phone at ${fmt(first).trim()} ms, ` +
      `last at ${fmt(offer.maxMs).trim()} ms (${fmt(offer.maxMs - first).trim()} ms from the first phone to the last).`,
  );
  console.log(`  bare ws: the send loop took ${fmt(bare.sendLoopMs).trim()} ms.`);
  printRace(settled, alone, options, [
    `  accepted by process: ${ids.map((id, i) => `${id} ${winnersOn[i]} of ${racersOn[i]} racers`).join(', ')}`,
  ]);
  printPhoneStats(phoneStats);

  const result: Result = {
    ...resultOf(options, offer, baseline, settled, alone),
    byProcess: Object.fromEntries(
      ids.map((id, i) => [id, { phones: held[i]!, offer: percentiles(offerOn[i]!), accepted: winnersOn[i]! }]),
    ),
  };

  return finish(failures, options, result);
}

const options = parseOptions();
void runBench('bench:dispatch', (cleanup) =>
  options.processes > 1 ? runOnCluster(options, cleanup) : run(options, cleanup),
);
