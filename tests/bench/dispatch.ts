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
 * The clients run in a child process (tests/bench/clients.ts, started by ./phones.ts), so the server's event
 * loop does not also decode 1,000 clients' frames; both processes read one monotonic clock, so latencies are
 * arrival − t0.
 * Prints a table, writes tests/bench/results/dispatch.json, and exits non-zero when a check fails.
 */
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { and, count, eq } from 'drizzle-orm';
import { WebSocketServer } from 'ws';
import { assignments, deploymentRequests } from '../../db/schema';
import { startPosko, type RunningPosko } from '../../server/app';
import type { Actor, ActorContext } from '../../server/auth/actor';
import { requestDeployment } from '../../server/deployments/request-deployment';
import { parseEnv } from '../../server/env';
import type { CommittedEvent } from '../../server/events/append';
import { seedTo } from '../support/database';
import { seedIncident, seedPasswordHash, seedPhones, startClientProcess } from './phones';
import { monotonicMs, type PhoneSpec } from './protocol';
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

const USAGE = `Usage: npm run bench:dispatch -- [--phones 1000] [--racers 500] [--slots 50]
                              [--database postgres|pglite] [--batch 100] [--out tests/bench/results/dispatch.json]`;

interface Options {
  phones: number;
  racers: number;
  slots: number;
  database: BenchDatabase;
  batch: number;
  out: string;
}

function parseOptions(): Options {
  const option = benchOptions(USAGE, {
    phones: '1000',
    racers: '500',
    slots: '50',
    database: 'postgres',
    batch: '100',
    out: 'tests/bench/results/dispatch.json',
  });
  const phones = option.whole('phones', 1, 20_000);
  const racers = option.whole('racers', 1, phones);
  // A request asks for at most 1,000 volunteers (lib/dispatch.ts).
  const slots = option.whole('slots', 1, Math.min(racers, 1_000));
  return {
    phones,
    racers,
    slots,
    database: option.oneOf('database', ['postgres', 'pglite']),
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

/** N Tagana volunteers on standby in two kabupaten with accounts and live sessions; a coordinator; an incident. */
async function seedCrew(posko: RunningPosko, options: Options): Promise<Crew> {
  const passwordHash = await seedPasswordHash();
  const roster = Array.from({ length: options.phones }, (_, i) => ({
    regencyCode: SOURCE_REGENCIES[i % SOURCE_REGENCIES.length]!,
    pillarCode: 'tagana',
    skills: [
      ...(i < options.racers ? [RACE_SKILL] : []),
      ...(i >= options.phones - WARMUP_PHONES ? [WARMUP_SKILL] : []),
    ],
  }));
  const phones = await seedPhones(posko, roster, passwordHash);
  const { coordinator, incidentId } = await seedIncident(
    posko,
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
  clients: number;
  offer: { p50Ms: number; p95Ms: number; p99Ms: number };
  baseline: { p50Ms: number; p95Ms: number; p99Ms: number };
  ratioP99: number;
  race: { slots: number; attempts: number; accepted: number; p50Ms: number; p99Ms: number };
  /** One phone accepting a one-place request nobody else answers, `rounds` times. */
  uncontended: { rounds: number; p50Ms: number; p99Ms: number };
  /** The race's p99 over an uncontended accept's p50 (goal ≤ 10). */
  raceRatio: number;
}

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

  const crew = await seedCrew(server, options);
  const seeded = monotonicMs();
  console.log(
    `Setup: database, server, ${options.phones} volunteers with accounts and sessions, a coordinator and an incident in ${seconds(seeded - setupStart)}.`,
  );

  const clients = startClientProcess();
  cleanup.add('client process', () => clients.stop());
  const connected = await clients.call('phones:connect', {
    url: server.url,
    phones: crew.phones,
    batchSize: options.batch,
  });
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
  const [stored] = await db
    .select({ acceptedCount: deploymentRequests.acceptedCount, status: deploymentRequests.status })
    .from(deploymentRequests)
    .where(eq(deploymentRequests.id, contested.request.id));
  const [acceptedRows] = await db
    .select({ n: count() })
    .from(assignments)
    .where(and(eq(assignments.requestId, contested.request.id), eq(assignments.status, 'accepted')));
  const raceLatency = percentiles(race.latenciesMs);
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

  // 3. Uncontended accepts: a one-place request for the race's losers, which one of them takes alone.
  const single: number[] = [];
  const rounds = Math.min(UNCONTENDED_ROUNDS, options.racers - options.slots);
  for (let n = 0; n < rounds; n++) {
    const alone = await requestDeployment({ ctx, input: requestInput(crew.incidentId, 1, RACE_SKILL) });
    await clients.call('phones:await-offers', { requestId: alone.request.id, expected: alone.offered, timeoutMs });
    const answer = await clients.call('phones:race', { requestId: alone.request.id, timeoutMs, limit: 1 });
    check(answer.accepted === 1, `an uncontended accept was refused: ${JSON.stringify(answer.refusalMessages)}`);
    single.push(...answer.latenciesMs);
  }
  const uncontended = percentiles(single);
  const raceRatio = round(raceLatency.p99Ms / uncontended.p50Ms, 2);

  const phoneStats = await clients.call('phones:stats', {});
  await clients.call('phones:close', {});

  // 4. Baseline: a bare ws server broadcasting one offer-sized payload to as many bare clients.
  const payload = JSON.stringify(['event:appended', offers.sample]);
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
  const baseline = percentiles(baselineArrivals.arrivals.map((at) => at - b0));
  check(
    baselineArrivals.arrivals.length === options.phones,
    `only ${baselineArrivals.arrivals.length} of ${options.phones} bare ws clients got the broadcast`,
  );
  await clients.call('baseline:close', {});

  // Report.
  const ratioP99 = round(offer.p99Ms / baseline.p99Ms, 2);
  const payloadBytes = Buffer.byteLength(payload);
  const row = (label: string, p: Percentiles, received: number) =>
    `  ${label.padEnd(44)}${fmt(p.p50Ms)}${fmt(p.p95Ms)}${fmt(p.p99Ms)}${fmt(p.maxMs)}   ${received}/${options.phones}`;
  console.log('');
  console.log(`Offer reaches every phone (ms after t0)${' '.repeat(7)}     p50     p95     p99     max   received`);
  console.log(row('Posko: requestDeployment → event:appended', offer, offers.arrivals.length));
  console.log(row(`bare ws: one broadcast of ${payloadBytes} bytes`, baseline, baselineArrivals.arrivals.length));
  console.log(`  ratio p99 Posko / bare ws: ${ratioP99.toFixed(2)}`);
  console.log(
    `  Posko, inside: transaction committed and publish() called at ${fmt(published.publishStart - t0).trim()} ms, ` +
      `publish() returned after ${fmt(published.publishEnd - published.publishStart).trim()} ms, ` +
      `verb returned at ${fmt(returned - t0).trim()} ms; first phone at ${fmt(Math.min(...offerLatencies)).trim()} ms.`,
  );
  console.log(`  bare ws: the send loop took ${fmt(broadcastDone - b0).trim()} ms.`);
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
    `  database: accepted_count ${stored?.acceptedCount}, status ${stored?.status}, accepted assignments ${acceptedRows?.n}`,
  );
  console.log(
    `  ack latency (ms from each phone's emit): p50 ${raceLatency.p50Ms}, p95 ${raceLatency.p95Ms}, p99 ${raceLatency.p99Ms}, max ${raceLatency.maxMs}`,
  );
  console.log(
    `  beside it, an uncontended accept (${single.length} one-place requests, one phone each): ` +
      `p50 ${uncontended.p50Ms}, p99 ${uncontended.p99Ms}; race p99 / uncontended p50: ${raceRatio.toFixed(2)} (goal ≤ 10)`,
  );
  console.log('');
  console.log(
    `Phones over the whole run: ${phoneStats.events} events; ${phoneStats.outOfOrder} arrived after a later event ` +
      `(on ${phoneStats.phonesOutOfOrder} phones); ${phoneStats.duplicates} duplicates; ${phoneStats.disconnected} dropped connections.`,
  );
  for (const [kind, n] of Object.entries(phoneStats.outOfOrderKinds)) {
    console.log(`  out of commit order: ${n}× ${kind}`);
  }

  const result: Result = {
    clients: options.phones,
    offer: { p50Ms: offer.p50Ms, p95Ms: offer.p95Ms, p99Ms: offer.p99Ms },
    baseline: { p50Ms: baseline.p50Ms, p95Ms: baseline.p95Ms, p99Ms: baseline.p99Ms },
    ratioP99,
    race: {
      slots: options.slots,
      attempts: race.attempts,
      accepted: race.accepted,
      p50Ms: raceLatency.p50Ms,
      p99Ms: raceLatency.p99Ms,
    },
    uncontended: { rounds: single.length, p50Ms: uncontended.p50Ms, p99Ms: uncontended.p99Ms },
    raceRatio,
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
void runBench('bench:dispatch', (cleanup) => run(options, cleanup));
