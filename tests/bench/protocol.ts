/**
 * What the benchmarks (tests/bench/dispatch.ts and soak.ts, the server side) and their client process
 * (tests/bench/clients.ts: the phones and the bare `ws` clients) say to each other over the IPC channel.
 * Times are milliseconds of the machine's monotonic clock (`process.hrtime`), which both processes share,
 * so a time taken in one process can be subtracted from a time taken in the other.
 */

/** Milliseconds on the monotonic clock both processes read (CLOCK_MONOTONIC), with sub-µs resolution. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface PhoneSpec {
  volunteerId: string;
  /** `posko_session=…`, sent as the Cookie header of the websocket handshake. */
  cookie: string;
}

export interface ConnectResult {
  connected: number;
  /** The first few handshake failures, for the error line. */
  failures: string[];
  ms: number;
}

export interface OffersResult {
  /** When each phone that got the request's offer had it (one entry per phone). */
  arrivals: number[];
  /** The index (in the connect command's order) of the phone of each arrival, in the same order. */
  phones: number[];
  /** One received offer event as the phone got it, for the size of the baseline's payload. */
  sample: unknown;
}

export interface RaceResult {
  attempts: number;
  accepted: number;
  /** Failed acks by code (CONFLICT is the expected "sudah penuh"). */
  refusals: Record<string, number>;
  /** One message per refusal code, to show what a phone reads. */
  refusalMessages: Record<string, string>;
  /** Acks that never came within the timeout. */
  timeouts: number;
  /** From each phone's own emit to its ack. */
  latenciesMs: number[];
  /** The same, of the accepts that succeeded, and of those refused. */
  acceptedLatenciesMs: number[];
  refusedLatenciesMs: number[];
  /** The indexes of the phones whose accept succeeded. */
  acceptedPhones: number[];
}

export interface PhoneStats {
  /** Phones whose socket closed during the run (they do not reconnect in the benchmark). */
  disconnected: number;
  /** Events a phone received with a lower id than one it already had (commit order not kept). */
  outOfOrder: number;
  phonesOutOfOrder: number;
  /** "request.created after assignment.offered": which event came late, after which later one. */
  outOfOrderKinds: Record<string, number>;
  /** The same event id received twice by one phone. */
  duplicates: number;
  events: number;
}

/** The phones' own work during bench:soak, from `soak:start` to `soak:stop`. */
export interface FieldWork {
  /** Phones that try each request's offer: the first to receive it, after a moment to read it. */
  acceptsPerRequest: number;
  /** From an accept to "berangkat", then to "tiba di lokasi", then to "selesai". */
  reportStepMs: number;
  /** How often each phone asks `events:since` (staggered over the phones): the replay the end check uses. */
  replayEveryMs: number;
  /** The newest event id before the work started: each phone's replay starts there. */
  startPosition: number;
  timeoutMs: number;
}

export type FieldCommand = 'offer:accept' | 'assignment:report' | 'events:since';

export interface CommandTally {
  ok: number;
  /** Failed acks by code. */
  refused: Record<string, number>;
  /** One message per refusal code. */
  refusalMessages: Record<string, string>;
  timeouts: number;
}

export interface FieldMinute {
  /** Arrival on a phone − the event's commit, for each event a phone received this minute. */
  lagMs: number[];
  /** Events received this minute whose commit time never reached the client process (not timed). */
  untimed: number;
  /** Events received by all phones this minute. */
  events: number;
  commands: Record<FieldCommand, CommandTally>;
}

/** The end check: every phone's received ids against the replays of its scope since the start position. */
export interface FieldCheck {
  phones: number;
  /** Events the replays returned, summed over the phones. */
  expected: number;
  /** Events of the replays a phone never received live, and on how many phones, by type. */
  missed: number;
  phonesMissing: number;
  missedKinds: Record<string, number>;
  /** Events a phone received that its scope's replay does not return. */
  unexpected: number;
  unexpectedSample: { phone: number; eventId: number }[];
  /** Replays answered with a reset (more than MAX_REPLAY events since the phone's last one): not checkable. */
  resets: number;
  /** Final replays that failed or got no answer. */
  replayFailures: number;
}

/** Every command the client process answers, with its input and its answer. */
export interface ClientCommands {
  'phones:connect': { input: { url: string; phones: PhoneSpec[]; batchSize: number }; output: ConnectResult };
  'phones:await-offers': {
    input: { requestId: string; expected: number; timeoutMs: number };
    output: OffersResult;
  };
  /** The phones holding the request's offer accept at once (only the first `limit` of them, if given). */
  'phones:race': { input: { requestId: string; timeoutMs: number; limit?: number }; output: RaceResult };
  'phones:stats': { input: Record<string, never>; output: PhoneStats };
  'phones:close': { input: Record<string, never>; output: null };
  'baseline:connect': { input: { url: string; count: number; batchSize: number }; output: ConnectResult };
  /** Arrival times of the `round`-th message (0 = first) on every client, once all have it or time is up. */
  'baseline:await': { input: { round: number; expected: number; timeoutMs: number }; output: { arrivals: number[] } };
  'baseline:close': { input: Record<string, never>; output: null };
  'soak:start': { input: FieldWork; output: null };
  /** When events committed (event id, monotonic ms), for the publish lag the phones measure. */
  'soak:committed': { input: { events: [number, number][] }; output: null };
  /** This minute's figures, then a new minute. */
  'soak:minute': { input: Record<string, never>; output: FieldMinute };
  /** No new accepts, reports or replays; waits for the answers still due. */
  'soak:stop': {
    input: { timeoutMs: number };
    output: { commands: Record<FieldCommand, CommandTally>; unanswered: number };
  };
  /** Waits until no event has arrived on any phone for `quietMs`. */
  'soak:settle': { input: { quietMs: number; timeoutMs: number }; output: { quiet: boolean; waitedMs: number } };
  /** Every phone asks for the rest of its replay, then compares; `batchSize` phones ask at a time. */
  'soak:verify': { input: { batchSize: number; timeoutMs: number }; output: FieldCheck };
}

export type CommandName = keyof ClientCommands;

export interface CommandMessage<K extends CommandName = CommandName> {
  id: number;
  name: K;
  input: ClientCommands[K]['input'];
}

export type ReplyMessage = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string };
