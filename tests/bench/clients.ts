/**
 * The client side of `npm run bench:dispatch` and `bench:soak`, forked by tests/bench/phones.ts so the
 * phones do not share the server's event loop: N Socket.IO phones (websocket only, signed in by their
 * session cookie), N bare `ws` clients for the dispatch baseline, and the soak's field work (phones that
 * accept offers, report their progress and ask for their replay). It answers the commands of ./protocol.ts
 * over IPC and records when each message arrived on the monotonic clock the server process reads too.
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { Ack, ClientToServerEvents, EventsSinceResult, LiveEvent, ServerToClientEvents } from '../../lib/realtime';
import type { AssignmentAnswer } from '../../lib/dispatch';
import {
  monotonicMs,
  type ClientCommands,
  type CommandMessage,
  type CommandName,
  type CommandTally,
  type ConnectResult,
  type FieldCheck,
  type FieldCommand,
  type FieldMinute,
  type FieldWork,
  type PhoneSpec,
  type PhoneStats,
  type RaceResult,
  type ReplyMessage,
} from './protocol';

type PhoneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Phone {
  socket: PhoneSocket;
  lastEventId: number;
  lastEventType: string;
  seen: Set<number>;
  outOfOrder: boolean;
}

interface Offer {
  at: number;
  /** The frame the offer came in (the request's creation with it). */
  frame: LiveEvent[];
}

const OFFERED = 'assignment.offered';
const MAX_FAILURES_SHOWN = 5;

/** Connected phones by the index of their spec (the order the benchmark gave them). */
const phones = new Map<number, Phone>();
/** Offers per request id, per phone index: the first arrival only. */
const offers = new Map<string, Map<number, Offer>>();
const stats: PhoneStats = {
  disconnected: 0,
  outOfOrder: 0,
  phonesOutOfOrder: 0,
  outOfOrderKinds: {},
  duplicates: 0,
  events: 0,
};
let closingPhones = false;

interface BaselineClient {
  ws: WebSocket;
  arrivals: number[];
}
const baselineClients: BaselineClient[] = [];

/** Called after every arrival, so waiters resolve as soon as their last message is in. */
const arrivalListeners = new Set<() => void>();
const arrived = () => {
  for (const listener of arrivalListeners) listener();
};

/** Resolves when `done()` holds (checked at every arrival) or after `timeoutMs`, whichever is first. */
function until(done: () => boolean, timeoutMs: number): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      arrivalListeners.delete(check);
      resolve();
    };
    const check = () => {
      if (done()) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    arrivalListeners.add(check);
  });
}

async function inBatches<T>(
  count: number,
  batchSize: number,
  open: (index: number) => Promise<T>,
): Promise<{ opened: T[]; failures: string[] }> {
  const opened: T[] = [];
  const failures: string[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const indexes = Array.from({ length: Math.min(batchSize, count - start) }, (_, i) => start + i);
    const results = await Promise.allSettled(indexes.map(open));
    for (const result of results) {
      if (result.status === 'fulfilled') opened.push(result.value);
      else if (failures.length < MAX_FAILURES_SHOWN) failures.push(String(result.reason));
    }
  }
  return { opened, failures };
}

function openPhone(url: string, spec: PhoneSpec, index: number): Promise<Phone> {
  const socket: PhoneSocket = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 30_000,
    extraHeaders: { cookie: spec.cookie },
  });
  const phone: Phone = {
    socket,
    lastEventId: 0,
    lastEventType: '',
    seen: new Set(),
    outOfOrder: false,
  };
  socket.on('events:appended', (frame) => {
    const at = monotonicMs();
    for (const event of frame) {
      stats.events += 1;
      if (phone.seen.has(event.id)) stats.duplicates += 1;
      phone.seen.add(event.id);
      if (event.id < phone.lastEventId) {
        stats.outOfOrder += 1;
        const kind = `${event.type} after ${phone.lastEventType}`;
        stats.outOfOrderKinds[kind] = (stats.outOfOrderKinds[kind] ?? 0) + 1;
        if (!phone.outOfOrder) stats.phonesOutOfOrder += 1;
        phone.outOfOrder = true;
      } else {
        phone.lastEventId = event.id;
        phone.lastEventType = event.type;
      }
      if (field) received(field, event.id, at);
      // A wave's offer event reaches only the phones it offered the request to (the phone accepts by request).
      if (event.type !== OFFERED) continue;
      const { requestId } = event.payload;
      if (typeof requestId !== 'string') continue;
      if (field) {
        offered(field, index, requestId);
        continue;
      }
      let byPhone = offers.get(requestId);
      if (!byPhone) offers.set(requestId, (byPhone = new Map()));
      if (!byPhone.has(index)) byPhone.set(index, { at, frame });
      arrived();
    }
  });
  socket.on('disconnect', () => {
    if (!closingPhones) stats.disconnected += 1;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      phones.set(index, phone);
      resolve(phone);
    });
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`phone ${index}: ${error.message}`));
    });
  });
}

async function connectPhones({ url, phones: specs, batchSize }: ClientCommands['phones:connect']['input']) {
  const start = monotonicMs();
  const { opened, failures } = await inBatches(specs.length, batchSize, (i) => openPhone(url, specs[i]!, i));
  return { connected: opened.length, failures, ms: monotonicMs() - start } satisfies ConnectResult;
}

async function awaitOffers({ requestId, expected, timeoutMs }: ClientCommands['phones:await-offers']['input']) {
  const got = () => offers.get(requestId)?.size ?? 0;
  await until(() => got() >= expected, timeoutMs);
  const received = [...(offers.get(requestId)?.entries() ?? [])];
  return {
    arrivals: received.map(([, offer]) => offer.at),
    phones: received.map(([index]) => index),
    sample: received[0]?.[1].frame ?? null,
  };
}

/** Every phone holding an offer of the request accepts it at once; each ack is timed from its own emit. */
async function race({ requestId, timeoutMs, limit }: ClientCommands['phones:race']['input']): Promise<RaceResult> {
  const racers = [...(offers.get(requestId)?.keys() ?? [])]
    .slice(0, limit)
    .map((index) => ({ index, socket: phones.get(index)!.socket }));
  const attempts = racers.map(({ index, socket }) => {
    const sentAt = monotonicMs();
    return socket
      .timeout(timeoutMs)
      .emitWithAck('offer:accept', { requestId, idempotencyKey: randomUUID() })
      .then(
        (ack) => ({ index, ack, ms: monotonicMs() - sentAt }),
        () => ({ index, ack: null, ms: monotonicMs() - sentAt }),
      );
  });
  const results = await Promise.all(attempts);
  const outcome: RaceResult = {
    attempts: results.length,
    accepted: 0,
    refusals: {},
    refusalMessages: {},
    timeouts: 0,
    latenciesMs: [],
    acceptedLatenciesMs: [],
    refusedLatenciesMs: [],
    acceptedPhones: [],
  };
  for (const { index, ack, ms } of results) {
    if (!ack) {
      outcome.timeouts += 1;
      continue;
    }
    outcome.latenciesMs.push(ms);
    if (ack.ok) {
      outcome.accepted += 1;
      outcome.acceptedPhones.push(index);
      outcome.acceptedLatenciesMs.push(ms);
    } else {
      outcome.refusedLatenciesMs.push(ms);
      outcome.refusals[ack.code] = (outcome.refusals[ack.code] ?? 0) + 1;
      outcome.refusalMessages[ack.code] ??= ack.error;
    }
  }
  return outcome;
}

function closePhones(): null {
  closingPhones = true;
  for (const phone of phones.values()) phone.socket.disconnect();
  phones.clear();
  return null;
}

function openBaselineClient(url: string): Promise<BaselineClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const client: BaselineClient = { ws, arrivals: [] };
    ws.on('message', (data: WebSocket.RawData) => {
      const at = monotonicMs();
      // Decoded like a Socket.IO client decodes its packets, so both sides pay for parsing.
      JSON.parse(data.toString());
      client.arrivals.push(at);
      arrived();
    });
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

async function connectBaseline({ url, count, batchSize }: ClientCommands['baseline:connect']['input']) {
  const start = monotonicMs();
  const { opened, failures } = await inBatches(count, batchSize, () => openBaselineClient(url));
  baselineClients.push(...opened);
  return { connected: opened.length, failures, ms: monotonicMs() - start } satisfies ConnectResult;
}

async function awaitBaseline({ round, expected, timeoutMs }: ClientCommands['baseline:await']['input']) {
  const got = () => baselineClients.filter((client) => client.arrivals.length > round).length;
  await until(() => got() >= expected, timeoutMs);
  return { arrivals: baselineClients.flatMap((client) => client.arrivals.slice(round, round + 1)) };
}

function closeBaseline(): null {
  for (const client of baselineClients) client.ws.close();
  baselineClients.length = 0;
  return null;
}

// ---- bench:soak: the phones' own work ----

interface Replay {
  /** How far this phone's replays reach. */
  position: number;
  /** Every event its replays returned, with its type. */
  events: Map<number, string>;
  pending: boolean;
  nextAt: number;
}

interface Field {
  work: FieldWork;
  stopped: boolean;
  /** Accepts tried per request id. */
  attempts: Map<string, number>;
  timers: Set<NodeJS.Timeout>;
  ticker: NodeJS.Timeout;
  unanswered: number;
  replays: Map<number, Replay>;
  resets: number;
  /** Commit times by event id, kept two minutes; arrivals waiting for theirs. */
  committedAt: Map<number, number>;
  waiting: Map<number, number[]>;
  minute: FieldMinute;
  totals: Record<FieldCommand, CommandTally>;
  lastArrival: number;
}

const FIELD_COMMANDS: FieldCommand[] = ['offer:accept', 'assignment:report', 'events:since'];
const NEXT_STEP = { accepted: 'en_route', en_route: 'on_site', on_site: 'completed' } as const;
/** A commit time (or an arrival without one) older than this is dropped. */
const KEEP_TIMES_MS = 120_000;
const REPLAY_TICK_MS = 200;

let field: Field | undefined;

const tallies = () =>
  Object.fromEntries(
    FIELD_COMMANDS.map((name) => [name, { ok: 0, refused: {}, refusalMessages: {}, timeouts: 0 }]),
  ) as Record<FieldCommand, CommandTally>;
const newMinute = (): FieldMinute => ({ lagMs: [], untimed: 0, events: 0, commands: tallies() });

function received(work: Field, eventId: number, at: number): void {
  work.lastArrival = at;
  work.minute.events += 1;
  const committed = work.committedAt.get(eventId);
  if (committed !== undefined) work.minute.lagMs.push(at - committed);
  else {
    const arrivals = work.waiting.get(eventId);
    if (arrivals) arrivals.push(at);
    else work.waiting.set(eventId, [at]);
  }
}

function noteCommitted({ events }: ClientCommands['soak:committed']['input']): null {
  if (!field) return null;
  for (const [eventId, at] of events) {
    if (field.committedAt.has(eventId)) continue;
    field.committedAt.set(eventId, at);
    for (const arrival of field.waiting.get(eventId) ?? []) field.minute.lagMs.push(arrival - at);
    field.waiting.delete(eventId);
  }
  return null;
}

/** Runs `act` after `ms`, unless the work stops first. */
function later(work: Field, ms: number, act: () => Promise<unknown>): void {
  const timer = setTimeout(() => {
    work.timers.delete(timer);
    if (!work.stopped) void act();
  }, ms);
  work.timers.add(timer);
}

/** A person reads the offer before tapping. */
const readingMs = () => 500 + Math.random() * 2_000;

function offered(work: Field, index: number, requestId: string): void {
  if (work.stopped) return;
  const tried = work.attempts.get(requestId) ?? 0;
  if (tried >= work.work.acceptsPerRequest) return;
  work.attempts.set(requestId, tried + 1);
  later(work, readingMs(), async () => {
    const ack = await command(
      work,
      'offer:accept',
      index,
      (socket, timeoutMs) =>
        socket.timeout(timeoutMs).emitWithAck('offer:accept', {
          requestId,
          idempotencyKey: randomUUID(),
        }) as Promise<Ack<AssignmentAnswer>>,
    );
    if (ack?.ok) report(work, index, ack.data.assignment.id, 'accepted');
  });
}

function report(work: Field, index: number, assignmentId: string, from: keyof typeof NEXT_STEP): void {
  later(work, work.work.reportStepMs, async () => {
    const status = NEXT_STEP[from];
    const ack = await command(work, 'assignment:report', index, (socket, timeoutMs) =>
      socket
        .timeout(timeoutMs)
        .emitWithAck('assignment:report', { assignmentId, from, status, idempotencyKey: randomUUID() }),
    );
    if (ack?.ok && status !== 'completed') report(work, index, assignmentId, status);
  });
}

/** Sends one command from a phone and tallies its answer, this minute and in total. */
async function command<T>(
  work: Field,
  name: FieldCommand,
  index: number,
  send: (socket: PhoneSocket, timeoutMs: number) => Promise<Ack<T>>,
): Promise<Ack<T> | null> {
  const phone = phones.get(index);
  if (!phone) return null;
  const count = (tally: (into: CommandTally) => void) => {
    tally(work.minute.commands[name]);
    tally(work.totals[name]);
  };
  work.unanswered += 1;
  try {
    const ack = await send(phone.socket, work.work.timeoutMs);
    count((into) => {
      if (ack.ok) into.ok += 1;
      else {
        into.refused[ack.code] = (into.refused[ack.code] ?? 0) + 1;
        into.refusalMessages[ack.code] ??= ack.error;
      }
    });
    return ack;
  } catch {
    count((into) => (into.timeouts += 1));
    return null;
  } finally {
    work.unanswered -= 1;
  }
}

/** Asks for what the phone's scope committed since its last replay; false when that did not work. */
async function replay(work: Field, index: number, state: Replay): Promise<boolean> {
  state.pending = true;
  const ack = await command<EventsSinceResult>(work, 'events:since', index, (socket, timeoutMs) =>
    socket.timeout(timeoutMs).emitWithAck('events:since', { after: state.position }),
  );
  state.pending = false;
  state.nextAt = monotonicMs() + work.work.replayEveryMs;
  if (!ack?.ok) return false;
  if (ack.data.reset) {
    work.resets += 1;
    state.position = ack.data.position;
    return false;
  }
  for (const event of ack.data.events) state.events.set(event.id, event.type);
  state.position = Math.max(state.position, ack.data.position);
  return true;
}

function startField(work: FieldWork): null {
  if (field) throw new Error('the field work is already running');
  const start = monotonicMs();
  const replays = new Map<number, Replay>();
  for (const index of phones.keys()) {
    const offset = (index / phones.size) * work.replayEveryMs;
    replays.set(index, { position: work.startPosition, events: new Map(), pending: false, nextAt: start + offset });
  }
  const started: Field = {
    work,
    stopped: false,
    attempts: new Map(),
    timers: new Set(),
    ticker: setInterval(() => {
      const now = monotonicMs();
      for (const [index, state] of started.replays) {
        if (!state.pending && state.nextAt <= now) void replay(started, index, state);
      }
    }, REPLAY_TICK_MS),
    unanswered: 0,
    replays,
    resets: 0,
    committedAt: new Map(),
    waiting: new Map(),
    minute: newMinute(),
    totals: tallies(),
    lastArrival: start,
  };
  field = started;
  return null;
}

function fieldMinute(): FieldMinute {
  if (!field) throw new Error('the field work is not running');
  const minute = field.minute;
  field.minute = newMinute();
  // Both maps are in time order: drop from the oldest until one is recent.
  const cutoff = monotonicMs() - KEEP_TIMES_MS;
  for (const [eventId, at] of field.committedAt) {
    if (at >= cutoff) break;
    field.committedAt.delete(eventId);
  }
  for (const [eventId, arrivals] of field.waiting) {
    if (arrivals[0]! >= cutoff) break;
    minute.untimed += arrivals.length;
    field.waiting.delete(eventId);
  }
  return minute;
}

/** Resolves when `done()` holds (checked every 50 ms) or after `timeoutMs`; answers whether it held. */
async function polled(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = monotonicMs() + timeoutMs;
  while (!done()) {
    if (monotonicMs() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function stopField({ timeoutMs }: ClientCommands['soak:stop']['input']) {
  if (!field) throw new Error('the field work is not running');
  const work = field;
  work.stopped = true;
  clearInterval(work.ticker);
  for (const timer of work.timers) clearTimeout(timer);
  work.timers.clear();
  await polled(() => work.unanswered === 0, timeoutMs);
  return { commands: work.totals, unanswered: work.unanswered };
}

async function settle({ quietMs, timeoutMs }: ClientCommands['soak:settle']['input']) {
  if (!field) throw new Error('the field work is not running');
  const work = field;
  const start = monotonicMs();
  const quiet = await polled(() => monotonicMs() - work.lastArrival >= quietMs, timeoutMs);
  return { quiet, waitedMs: monotonicMs() - start };
}

async function verify({ batchSize }: ClientCommands['soak:verify']['input']): Promise<FieldCheck> {
  if (!field) throw new Error('the field work is not running');
  const work = field;
  const check: FieldCheck = {
    phones: 0,
    expected: 0,
    missed: 0,
    phonesMissing: 0,
    missedKinds: {},
    unexpected: 0,
    unexpectedSample: [],
    resets: 0,
    replayFailures: 0,
  };
  const resetsBefore = work.resets;
  const entries = [...work.replays];
  for (let start = 0; start < entries.length; start += batchSize) {
    const answers = await Promise.all(
      entries.slice(start, start + batchSize).map(([index, state]) => replay(work, index, state)),
    );
    check.replayFailures += answers.filter((ok) => !ok).length;
  }
  check.resets = work.resets;
  check.replayFailures -= work.resets - resetsBefore;
  for (const [index, state] of entries) {
    const phone = phones.get(index);
    if (!phone) continue;
    check.phones += 1;
    check.expected += state.events.size;
    let missing = false;
    for (const [eventId, type] of state.events) {
      if (phone.seen.has(eventId)) continue;
      check.missed += 1;
      check.missedKinds[type] = (check.missedKinds[type] ?? 0) + 1;
      missing = true;
    }
    if (missing) check.phonesMissing += 1;
    for (const eventId of phone.seen) {
      if (eventId <= work.work.startPosition || state.events.has(eventId)) continue;
      check.unexpected += 1;
      if (check.unexpectedSample.length < MAX_FAILURES_SHOWN) check.unexpectedSample.push({ phone: index, eventId });
    }
  }
  return check;
}

type AnyCommand = { [K in CommandName]: CommandMessage<K> }[CommandName];

async function run(command: AnyCommand): Promise<unknown> {
  switch (command.name) {
    case 'phones:connect':
      return connectPhones(command.input);
    case 'phones:await-offers':
      return awaitOffers(command.input);
    case 'phones:race':
      return race(command.input);
    case 'phones:stats':
      return stats;
    case 'phones:close':
      return closePhones();
    case 'baseline:connect':
      return connectBaseline(command.input);
    case 'baseline:await':
      return awaitBaseline(command.input);
    case 'baseline:close':
      return closeBaseline();
    case 'soak:start':
      return startField(command.input);
    case 'soak:committed':
      return noteCommitted(command.input);
    case 'soak:minute':
      return fieldMinute();
    case 'soak:stop':
      return stopField(command.input);
    case 'soak:settle':
      return settle(command.input);
    case 'soak:verify':
      return verify(command.input);
  }
}

function reply(message: ReplyMessage): void {
  process.send?.(message);
}

process.on('message', (message: AnyCommand) => {
  run(message).then(
    (output) => reply({ id: message.id, ok: true, output: output ?? null }),
    (error: unknown) =>
      reply({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The benchmark went away (finished or killed): nothing left to measure.
process.on('disconnect', () => process.exit(0));
