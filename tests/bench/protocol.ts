/**
 * What the benchmark (tests/bench/dispatch.ts, the server side) and its client process
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
}

export type CommandName = keyof ClientCommands;

export interface CommandMessage<K extends CommandName = CommandName> {
  id: number;
  name: K;
  input: ClientCommands[K]['input'];
}

export type ReplyMessage = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string };
