/**
 * The client side of `npm run bench:dispatch`, forked by tests/bench/dispatch.ts so the phones do not
 * share the server's event loop: N Socket.IO phones (websocket only, signed in by their session cookie)
 * and N bare `ws` clients for the baseline. It answers the commands of ./protocol.ts over IPC and records
 * when each message arrived on the monotonic clock the server process reads too.
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { ClientToServerEvents, LiveEvent, ServerToClientEvents } from '../../lib/realtime';
import {
  monotonicMs,
  type ClientCommands,
  type CommandMessage,
  type CommandName,
  type ConnectResult,
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
  event: LiveEvent;
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
  socket.on('event:appended', (event) => {
    const at = monotonicMs();
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
    // A wave's offer event reaches only the phones it offered the request to (the phone accepts by request).
    if (event.type !== OFFERED) return;
    const { requestId } = event.payload;
    if (typeof requestId !== 'string') return;
    let byPhone = offers.get(requestId);
    if (!byPhone) offers.set(requestId, (byPhone = new Map()));
    if (!byPhone.has(index)) byPhone.set(index, { at, event });
    arrived();
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
    sample: received[0]?.[1].event ?? null,
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
    } else {
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
